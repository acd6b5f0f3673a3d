#!/usr/bin/env bash
# Measures how much faster (or slower) the scorer in the working tree is than
# at a git revision, in one process (ab_speed.cpp): build A is the revision,
# build B the working tree, renamed into namespace pantau_b so that both link
# into one binary; they alternate in short passes, pinned to one CPU. Use it
# for speed work beside compare_builds.sh (which checks that scores did not
# change). An A/A run (the revision against itself) differs by up to 2% best
# pass to best pass, from code layout and noise; the median of the paired
# per-round ratios (median_round_speedup) came out 0.9997 and 0.9971 in two
# A/A runs of 80 rounds and 1.0132 in one of 40: take 80 rounds or more.
#
#   sentiment/tools/ab_speed.sh [REVISION (default HEAD)] [TEXTS_FILE] [ROUNDS]
#
# Texts default to $PANTAU_SHARED/eval/en/tweets.tsv (../shared beside the
# repository), read at run time and never written to the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
shared=${PANTAU_SHARED:-$here/../shared}
rev=${1:-HEAD}
texts=${2:-$shared/eval/en/tweets.tsv}
rounds=${3:-100}
[ -f "$texts" ] || { echo "ab_speed: $texts not found (set PANTAU_SHARED or give a texts file)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/a" "$tmp/b"
git -C "$here" archive "$rev" sentiment | tar -x -C "$tmp/a"
cp -r "$here/sentiment" "$tmp/b/"
sed 's/namespace pantau::sentiment/namespace pantau_b::sentiment/' "$tmp/b/sentiment/scorer.hpp" > "$tmp/scorer_b.hpp"
flags=(-std=c++20 -O3 -DNDEBUG)  # as CMake's Release build
build() {  # build DIR [extra flags...]: the library's objects into DIR/obj
  local dir=$1; shift
  mkdir -p "$dir/obj"
  local files
  files=$(ls "$dir"/sentiment/lexicons/*.tsv | sort | tr '\n' '|')
  cmake -DOUT="$dir/lexicons_embedded.cpp" -DFILES="${files%|}" -P "$dir/sentiment/embed_lexicons.cmake"
  for f in "$dir"/sentiment/*.cpp "$dir/lexicons_embedded.cpp"; do
    g++ "${flags[@]}" "$@" -I"$dir" -c "$f" -o "$dir/obj/$(basename "$f" .cpp).o" &
  done
  wait
}
build "$tmp/a"
build "$tmp/b" -Dpantau=pantau_b
g++ "${flags[@]}" -I"$tmp/a" -I"$tmp" "$here/sentiment/tools/ab_speed.cpp" "$tmp"/a/obj/*.o "$tmp"/b/obj/*.o \
  -o "$tmp/ab_speed" -lpthread
echo "A: $rev  B: working tree  texts: $texts"
taskset -c "$(($(nproc) - 1))" "$tmp/ab_speed" "$texts" "$rounds"  # one CPU, the last
