#!/bin/sh
# NAB realTweets through `pantau backtest --counts` (issue 5).
#
# Runs every series of $PANTAU_SHARED/eval/nab (or $PANTAU_NAB_DIR, same
# layout: data/*.csv and labels/combined_windows.json, e.g. a held-out copy)
# through the daemon's detector and episode logic with the default settings,
# scores the 0/1 alerts with eval/nab_score.py and prints the standard and
# reward_low_FP scores and the alerts per series per day. It also replays every
# series with a save+restore of the detector state every 997 rows and checks
# the output is byte-identical (restart equivalence).
#
# Env: PANTAU_SHARED (default ../shared beside the repo), PANTAU_NAB_DIR,
#      PANTAU_BIN (default build/bin/pantau, else build/bin/nab_backtest_driver),
#      PANTAU_SENSITIVITY (default: the default settings).
# Last line: BENCH nab standard=.. reward_low_FP=.. reward_low_FN=.. alerts_per_series_day=.. restart_equal=0|1
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${PANTAU_SHARED:-$root/../shared}
nab=${PANTAU_NAB_DIR:-$shared/eval/nab}
scorer=$shared/eval/nab_score.py
if [ ! -d "$nab/data" ] || [ ! -f "$nab/labels/combined_windows.json" ] || [ ! -f "$scorer" ]; then
  echo "eval_nab: SKIPPED: no NAB data at $nab (set PANTAU_SHARED or PANTAU_NAB_DIR)"
  exit 0
fi

bin=${PANTAU_BIN:-}
# `make eval` passes the bin directory (as eval_sentiment.sh expects it).
if [ -n "$bin" ] && [ -d "$bin" ]; then bin=$bin/pantau; fi
if [ -z "$bin" ]; then
  for cand in "$root/build/bin/pantau" "$root/build/bin/nab_backtest_driver" "$root/build-alerts/bin/nab_backtest_driver"; do
    if [ -x "$cand" ]; then bin=$cand; break; fi
  done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "eval_nab: FAILED: no build/bin/pantau (build it first)" >&2
  exit 1
fi
# `pantau backtest ...`; the stand-in driver takes the options directly.
case "$(basename "$bin")" in
  pantau) sub=backtest ;;
  *) sub= ;;
esac
sens=
if [ -n "${PANTAU_SENSITIVITY:-}" ]; then sens="--sensitivity $PANTAU_SENSITIVITY"; fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/alerts" "$out/restart"
restart_equal=1
for f in "$nab"/data/*.csv; do
  name=$(basename "$f")
  # shellcheck disable=SC2086
  "$bin" $sub --counts "$f" $sens > "$out/alerts/$name"
  # shellcheck disable=SC2086
  "$bin" $sub --counts "$f" $sens --restart-every 997 > "$out/restart/$name"
  if ! cmp -s "$out/alerts/$name" "$out/restart/$name"; then
    echo "eval_nab: restart equivalence FAILED on $name" >&2
    restart_equal=0
  fi
done

python3 "$scorer" --data "$nab/data" --labels "$nab/labels/combined_windows.json" \
  --results "$out/alerts" --profile all --json "$out/score.json" --quiet
python3 - "$out" "$restart_equal" <<'PY'
import glob, json, os, sys
out, restart_equal = sys.argv[1], sys.argv[2]
rep = json.load(open(os.path.join(out, "score.json")))
prof = rep["profiles"]
alerts = rows = 0
per_series = {}
for path in sorted(glob.glob(os.path.join(out, "alerts", "*.csv"))):
    lines = [l for l in open(path).read().splitlines()[1:] if l]
    n = sum(int(l.rsplit(",", 1)[1]) for l in lines)
    per_series[os.path.basename(path)] = (n, len(lines) / 288.0)
    alerts += n
    rows += len(lines)
rate = alerts / (rows / 288.0) if rows else 0.0
std = prof["standard"]
print("NAB realTweets (%d series, %d windows), binary alerts, default settings" % (len(per_series), rep["windows"]))
for name, label in (("standard", "standard"), ("reward_low_FP_rate", "reward_low_FP"), ("reward_low_FN_rate", "reward_low_FN")):
    p = prof[name]
    print("  %-14s %6.2f  (windows %d/%d, false-positive detections %d)" % (
        label, p["normalized"], p["windows_detected"], rep["windows"], p["fp_detections"]))
print("  alerts per series per day %.3f" % rate)
for pf in std["per_file"]:
    name = os.path.basename(pf["file"])
    n, days = per_series.get(name, (0, 1.0))
    print("    %-28s windows %d/%d  FP %3d  alerts %3d  (%.3f/day)" % (
        name, pf["windows_detected"], pf["windows"], pf["fp_detections"], n, n / days))
print("  restart equivalence (save+restore every 997 rows): %s" % ("identical" if restart_equal == "1" else "DIFFERENT"))
print("BENCH nab standard=%.2f reward_low_FP=%.2f reward_low_FN=%.2f alerts_per_series_day=%.3f restart_equal=%s" % (
    prof["standard"]["normalized"], prof["reward_low_FP_rate"]["normalized"],
    prof["reward_low_FN_rate"]["normalized"], rate, restart_equal))
PY
[ "$restart_equal" = 1 ]
