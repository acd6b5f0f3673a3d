#!/usr/bin/env python3
"""Set hand-written lexicon entries: reads lines `lang<TAB>term<TAB>valence<TAB>note`
(lang id or jv or en) from stdin or files. A term already in one of that language's
hand-written files has its line rewritten in place; a new term is appended to
lexicons/<lang>_pantau.tsv. Terms in id_fitted.tsv (generated) are skipped and
reported. With --add-only, terms that already exist are left alone (bulk additions).
Lines starting with # are ignored. Our own entries only: never feed it
a third-party lexicon."""
import glob, os, sys

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lexicons")
PHRASE_FILES = {"id": "id_phrases.tsv", "jv": "jv_words.tsv", "en": "en_phrases.tsv"}

def lang_files(lang):
    fs = sorted(glob.glob(os.path.join(here, f"{lang}_*.tsv")))
    return [f for f in fs if not f.endswith("_fitted.tsv")]

def main():
    fitted = set()
    fp = os.path.join(here, "id_fitted.tsv")
    if os.path.exists(fp):
        fitted = {l.split("\t")[0] for l in open(fp, encoding="utf-8") if l.strip() and not l.startswith("#")}
    args = [a for a in sys.argv[1:] if a != "--add-only"]
    add_only = len(args) != len(sys.argv) - 1
    entries = []
    for line in sys.stdin if not args else (l for f in args for l in open(f, encoding="utf-8")):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        lang, term, val, note = (line.split("\t") + [""] * 4)[:4]
        term = term.strip().lower()
        v = float(val)
        assert -4 <= v <= 4, line
        entries.append((lang, term, ("%g" % v), note or "Pantau"))
    skipped, changed, added = [], 0, 0
    by_lang = {}
    for e in entries:
        by_lang.setdefault(e[0], []).append(e)
    for lang, es in by_lang.items():
        files = {f: open(f, encoding="utf-8").read().split("\n") for f in lang_files(lang)}
        where = {}
        for f, lines in files.items():
            for i, l in enumerate(lines):
                if l and not l.startswith("#"):
                    where.setdefault(l.split("\t")[0], []).append((f, i))
        new_path = os.path.join(here, f"{lang}_pantau.tsv")
        if new_path not in files:
            files[new_path] = [f"# {lang}: hand-written Pantau entries (tools/set_terms.py)",
                               "# term<TAB>valence (-4..+4)<TAB>note", ""]
        for _, term, v, note in es:
            if lang == "id" and term in fitted:
                skipped.append(term)
                continue
            if term in where:
                if add_only:
                    continue
                for f, i in where[term]:
                    files[f][i] = f"{term}\t{v}\t{note}"
                changed += 1
            else:
                lines = files[new_path]
                if lines and lines[-1] == "":
                    lines.pop()
                lines.append(f"{term}\t{v}\t{note}")
                lines.append("")
                where[term] = [(new_path, len(lines) - 2)]
                added += 1
        for f, lines in files.items():
            open(f, "w", encoding="utf-8").write("\n".join(lines))
    print(f"changed {changed}, added {added}, skipped (fitted) {len(skipped)}: {' '.join(skipped)}", file=sys.stderr)

if __name__ == "__main__":
    main()
