#!/usr/bin/env python3
"""Fit Indonesian term weights from SmSA train (IndoNLU, Apache-2.0); stdlib only.

Reproducible: rows are split by their numeric id (id % 5 == 0 is held out, never
fitted on) and the output depends on nothing else. Writes sentiment/lexicons/
id_fitted.tsv with words that are frequent and clearly polarised in the fitting
part and that a person has reviewed as evaluative (tools/smsa_reviewed.txt; the
raw candidates are mostly topical: dishes, places, religions), skipping every word the hand-written lexicons, rule words, language
markers or slang map already define (those always win).

    python3 sentiment/tools/fit_smsa.py [--data ../shared/eval/id/smsa_train.tsv]
    python3 sentiment/tools/fit_smsa.py --write-heldout /tmp/smsa_heldout.tsv   # for eval

Weight = clip(SCALE * log-odds(positive vs negative document rate), +-MAX),
kept when the word is in MIN_DF documents or more and |log-odds| >= MIN_LOGODDS.
No text is copied: the output holds single words and numbers only.
"""
import argparse
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEXICONS = os.path.join(HERE, "..", "lexicons")
MIN_DF = 8
MIN_LOGODDS = 1.0
SCALE = 0.6
MAX = 2.0
TOKEN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header[:3] == ["id", "gold", "text"], header
        for line in f:
            rid, gold, text = line.rstrip("\n").split("\t", 2)
            yield rid, gold, text


# A word right after a negator says the opposite of itself ("tidak beres",
# "gak becus", "tidak menguras kantong"): such occurrences are not counted, or
# the fit learns the negation's polarity instead of the word's.
NEGATORS = {"tidak", "tak", "gak", "ga", "gk", "nggak", "enggak", "engga", "ngga", "bukan", "belum", "blm",
            "jangan", "kurang", "tdk", "ndak", "ora", "nda"}


def unnegated_words(text):
    words = TOKEN.findall(text.lower())
    return [w for i, w in enumerate(words) if not NEGATORS.intersection(words[max(0, i - 2):i])]


def is_heldout(rid):
    return int(rid.rsplit("-", 1)[1]) % 5 == 0


def known_terms():
    known = set()
    for name in os.listdir(LEXICONS):
        if not name.endswith(".tsv") or name == "id_fitted.tsv":
            continue
        with open(os.path.join(LEXICONS, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                # Only single words count as defined: "sinyal lemah" being a
                # phrase says nothing about "lemah" on its own.
                known.add(line.split("\t")[0].strip().lower())
    return known


def reviewed_words():
    words = set()
    with open(os.path.join(HERE, "smsa_reviewed.txt"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                words.update(line.split())
    return words


def main():
    ap = argparse.ArgumentParser()
    default = os.path.join(HERE, "..", "..", "..", "shared", "eval", "id", "smsa_train.tsv")
    ap.add_argument("--data", default=os.environ.get("PANTAU_SHARED", "") and
                    os.path.join(os.environ["PANTAU_SHARED"], "eval", "id", "smsa_train.tsv") or default)
    ap.add_argument("--out", default=os.path.join(LEXICONS, "id_fitted.tsv"))
    ap.add_argument("--candidates", action="store_true",
                    help="write every candidate, not only the reviewed ones (for review, not for shipping)")
    ap.add_argument("--write-heldout", metavar="PATH", help="write the held-out rows (id, gold, text) and exit")
    args = ap.parse_args()
    rows = list(read_rows(args.data))
    if args.write_heldout:
        with open(args.write_heldout, "w", encoding="utf-8") as f:
            f.write("id\tgold\ttext\n")
            for rid, gold, text in rows:
                if is_heldout(rid):
                    f.write(f"{rid}\t{gold}\t{text}\n")
        return
    docs = {"positive": 0, "negative": 0, "neutral": 0}
    df = {}
    for rid, gold, text in rows:
        if is_heldout(rid):
            continue
        docs[gold] += 1
        for w in set(unnegated_words(text)):
            df.setdefault(w, {"positive": 0, "negative": 0, "neutral": 0})[gold] += 1
    known = known_terms()
    reviewed = reviewed_words()
    out = []
    for w, c in sorted(df.items()):
        total = c["positive"] + c["negative"] + c["neutral"]
        if total < MIN_DF or len(w) < 3 or w in known or w.isdigit():
            continue
        if not args.candidates and w not in reviewed:
            continue
        pos_rate = (c["positive"] + 0.5) / (docs["positive"] + 1)
        neg_rate = (c["negative"] + 0.5) / (docs["negative"] + 1)
        neu_rate = (c["neutral"] + 0.5) / (docs["neutral"] + 1)
        lo = math.log(pos_rate / neg_rate)
        if abs(lo) < MIN_LOGODDS:
            continue
        # A word mostly seen in neutral texts is topical, not evaluative.
        if neu_rate > max(pos_rate, neg_rate):
            continue
        v = max(-MAX, min(MAX, SCALE * lo))
        out.append(f"{w}\t{v:.2f}\tsmsa df={total}")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Indonesian weights fitted by sentiment/tools/fit_smsa.py on SmSA train (IndoNLU,\n")
        f.write("# Apache-2.0; see NOTICE), rows with id % 5 != 0. Regenerate; do not edit by hand.\n")
        f.write("\n".join(out) + "\n")
    print(f"{len(out)} terms from {sum(docs.values())} fitted rows -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
