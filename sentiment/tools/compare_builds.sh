#!/usr/bin/env bash
# Checks that two builds of the scorer say exactly the same thing about every
# text of the evaluation sets (plus the demo): scores, shares, language, spam and
# explanations. Use it around any change meant to leave scores alone, such as
# speed work on the tokenizer or the rules engine.
#
#   sentiment/tools/compare_builds.sh OLD_BIN_DIR NEW_BIN_DIR
#
# Besides those texts it compares 20,000 generated ones (edge_texts.py).
# Each directory must hold a pantau_score. Texts are read from $PANTAU_SHARED/eval
# (default ../shared beside the repository) at run time and never written to
# the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
shared=${PANTAU_SHARED:-$here/../shared}
old=${1:?usage: compare_builds.sh OLD_BIN_DIR NEW_BIN_DIR}
new=${2:?usage: compare_builds.sh OLD_BIN_DIR NEW_BIN_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in en/tweets.tsv en/amazon.tsv id/nusax_valid.tsv id/nusax_train.tsv jv/nusax_valid.tsv jv/nusax_train.tsv \
         id/smsa_train.tsv; do
  [ -f "$shared/eval/$f" ] && tail -n +2 "$shared/eval/$f" | cut -f3 >> "$tmp/texts"
done
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        print(json.loads(line).get("text", "").replace("\n", " "))
    except ValueError:
        pass
' "$here/examples/demo/mentions.jsonl" >> "$tmp/texts"
# Generated edge cases: glued punctuation, emoji, URLs, obfuscation, invalid UTF-8.
python3 "$here/sentiment/tools/edge_texts.py" 20000 >> "$tmp/texts"
[ -s "$tmp/texts" ] || { echo "compare_builds: no texts (is $shared/eval there?)" >&2; exit 2; }
"$old/pantau_score" --snapshot < "$tmp/texts" > "$tmp/old"
"$new/pantau_score" --snapshot < "$tmp/texts" > "$tmp/new"
n=$(wc -l < "$tmp/texts")
if cmp -s "$tmp/old" "$tmp/new"; then
  echo "identical on $n texts"
else
  awk -v n="$n" 'NR == FNR { a[FNR] = $0; next }
    a[FNR] != $0 { d++; if (d <= 5) first = first " " FNR }
    END { printf "DIFFERENT on %d of %d texts; the first at lines%s of the text list\n", d, n, first }' \
    "$tmp/old" "$tmp/new"
  exit 1
fi
