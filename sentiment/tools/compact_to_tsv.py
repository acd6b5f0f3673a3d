#!/usr/bin/env python3
"""Expand a compact hand-written word list into lexicon TSV (stdlib only).

Input lines:   "## note"            sets the note for the following lines
               "<valence> w1, w2, two words, ..."   one entry per comma-separated term
Output lines:  term<TAB>valence<TAB>note   (first definition of a term wins; later
               duplicates are reported on stderr so lists stay consistent)

    python3 compact_to_tsv.py HEADER < compact.txt > lexicon.tsv
"""
import sys


def main():
    header = sys.argv[1] if len(sys.argv) > 1 else "lexicon"
    seen = {}
    note = ""
    out = [f"# {header}", "# term<TAB>valence (-4..+4)<TAB>note. Hand-written for Pantau."]
    for raw in sys.stdin:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("##"):
            note = line[2:].strip()
            continue
        val, _, rest = line.partition(" ")
        v = float(val)
        assert -4 <= v <= 4, line
        for term in rest.split(","):
            term = " ".join(term.strip().lower().split())
            if not term:
                continue
            if term in seen:
                if seen[term] != v:
                    print(f"duplicate {term!r}: {seen[term]} vs {v}", file=sys.stderr)
                continue
            seen[term] = v
            out.append(f"{term}\t{v:g}\t{note}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
