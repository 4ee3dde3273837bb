#!/usr/bin/env bash
# Benchmark: art2book --epub against pandoc on the same generated articles.
#
# Usage: bench/run.sh
# Environment: ART2BOOK (default build/art2book), N articles (default 1500),
# RUNS per tool, best one kept (default 3), WORK folder (default a temporary
# one, removed afterwards).
#
# Wall time is measured around each run; the peak memory (max RSS) comes from
# GNU time (/usr/bin/time -v) when installed, else it is shown as n/a.
set -u -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
. "$here/measure.sh"
bench_setup 1500 3

python3 "$here/generate.py" "$N" "$WORK/content" || exit 1
cd "$WORK/content" || exit 1
mapfile -t files < <(find . -name '*.md' | LC_ALL=C sort) # date order, as art2book sorts
input_mb=$(du -sk . | awk '{ printf "%.1f", $1 / 1024 }')

version=$("$ART2BOOK" --version | head -n 1)
echo "$N generated articles, $input_mb MB of Markdown; best of $RUNS runs each"
echo
printf '| %-22s | %10s | %12s | %9s |\n' tool "wall (s)" "max RSS (MB)" "EPUB (MB)"
printf '|%s|%s|%s|%s|\n' ------------------------ -----------: -------------: ----------:

measure art2book "$WORK/art2book.epub" "$ART2BOOK" --epub "$WORK/art2book.epub" . || exit 1
a_s=$best_s a_rss=$rss_mb
printf '| %-22s | %10s | %12s | %9s |\n' "$version" "$best_s" "$rss_mb" "$out_mb"

if command -v pandoc >/dev/null; then
  pversion=$(pandoc --version | head -n 1)
  measure pandoc "$WORK/pandoc.epub" pandoc --metadata title=Bench -o "$WORK/pandoc.epub" \
    "${files[@]}" || exit 1
  printf '| %-22s | %10s | %12s | %9s |\n' "$pversion" "$best_s" "$rss_mb" "$out_mb"
  echo
  awk -v a="$a_s" -v p="$best_s" -v ar="$a_rss" -v pr="$rss_mb" 'BEGIN {
    printf "pandoc / art2book: %.1fx the wall time", (a > 0 ? p / a : 0)
    if (ar != "n/a" && pr != "n/a" && ar > 0) printf ", %.1fx the memory", pr / ar
    print ""
  }'
else
  echo
  echo "pandoc not installed: no comparison"
fi
