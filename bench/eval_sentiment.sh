#!/usr/bin/env bash
# Sentiment dev-set evaluation: runs `pantau score --batch` over the dev sets in
# $PANTAU_SHARED/eval and prints the metrics of eval/score_eval.py for each.
# SmSA: only the rows fit_smsa.py held out (id % 5 == 0) are scored; the rest
# were used to fit sentiment/lexicons/id_fitted.tsv.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${PANTAU_SHARED:-$here/../shared}
bin=${PANTAU_BIN:-$here/build/bin}
if [ ! -d "$shared/eval" ]; then
  echo "# eval_sentiment: $shared/eval not found; set PANTAU_SHARED (skipped)"
  exit 0
fi
if [ -x "$bin/pantau" ]; then
  score=("$bin/pantau" score --batch)
elif [ -x "$bin/pantau_score" ]; then
  score=("$bin/pantau_score" --batch)
else
  echo "# eval_sentiment: no $bin/pantau or $bin/pantau_score; build first" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/sentiment/tools/fit_smsa.py" --data "$shared/eval/id/smsa_train.tsv" --write-heldout "$tmp/smsa_heldout.tsv"

run() {  # name gold.tsv
  local name=$1 gold=$2
  if [ ! -f "$gold" ]; then echo "# eval_sentiment: $gold missing (skipped)"; return; fi
  tail -n +2 "$gold" | cut -f3 | "${score[@]}" | cut -f1 > "$tmp/$name.pred"
  python3 "$shared/eval/score_eval.py" "$gold" "$tmp/$name.pred" --json | python3 -c '
import json, sys
name = sys.argv[1]
d = json.load(sys.stdin)
keys = ["n", "pearson_r", "spearman_rho", "macro_f1", "weighted_f1", "acc3", "acc2"]
print("EVAL sentiment_%s " % name + " ".join("%s=%s" % (k, round(d[k], 4) if isinstance(d[k], float) else d[k]) for k in keys if k in d))
' "$name"
}
run en_tweets "$shared/eval/en/tweets.tsv"
run en_amazon "$shared/eval/en/amazon.tsv"
run id_nusax_valid "$shared/eval/id/nusax_valid.tsv"
run jv_nusax_valid "$shared/eval/jv/nusax_valid.tsv"
run id_smsa_heldout "$tmp/smsa_heldout.tsv"
