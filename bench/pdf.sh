#!/usr/bin/env bash
# Benchmark: art2book --pdf against pandoc with XeLaTeX and ctex on the same
# generated Chinese articles, in one run.
#
# Usage: bench/pdf.sh
# Environment: ART2BOOK (default build/art2book), N articles (default 1000),
# RUNS per tool, best one kept (default 1: XeLaTeX takes minutes), WORK folder
# (default a temporary one, removed afterwards).
#
# pandoc gets the same articles without their front matter (one YAML block
# per file would become one merged metadata block) and typesets them with
# `--pdf-engine=xelatex -V documentclass=ctexart` on A5 paper, as a user
# wanting a LaTeX-quality Chinese digest would.
set -u -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
. "$here/measure.sh"
bench_setup 1000 1

python3 "$here/generate.py" "$N" "$WORK/content" || exit 1
# The bodies without front matter, in reading (date) order, for pandoc.
mkdir -p "$WORK/bodies"
python3 - "$WORK/content" "$WORK/bodies" <<'PY' || exit 1
import os, sys
src, dst = sys.argv[1], sys.argv[2]
paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith(".md"))
for i, p in enumerate(paths):
    text = open(p, encoding="utf-8").read()
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 4) + 5:]
    open(os.path.join(dst, "%05d.md" % i), "w", encoding="utf-8").write(text + "\n")
PY
mapfile -t bodies < <(find "$WORK/bodies" -name '*.md' | LC_ALL=C sort)

version=$("$ART2BOOK" --version | head -n 1)
echo "$N generated articles; best of $RUNS run(s) each"
echo
printf '| %-26s | %10s | %12s | %6s |\n' tool "wall (s)" "max RSS (MB)" pages
printf '|%s|%s|%s|%s|\n' ---------------------------- -----------: -------------: -------:
measure art2book "$WORK/art2book.pdf" "$ART2BOOK" --pdf "$WORK/art2book.pdf" "$WORK/content" || exit 1
a_s=$best_s a_rss=$rss_mb
pages=$(pdfinfo "$WORK/art2book.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
printf '| %-26s | %10s | %12s | %6s |\n' "$version" "$best_s" "$rss_mb" "${pages:-?}"

if command -v pandoc >/dev/null && command -v xelatex >/dev/null; then
  measure xelatex "$WORK/xelatex.pdf" pandoc --pdf-engine=xelatex -V documentclass=ctexart \
    -V CJKmainfont="Noto Serif CJK SC" -V geometry:a5paper --metadata title=Bench \
    -o "$WORK/xelatex.pdf" "${bodies[@]}" || exit 1
  pages=$(pdfinfo "$WORK/xelatex.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  printf '| %-26s | %10s | %12s | %6s |\n' "pandoc + XeLaTeX (ctex)" "$best_s" "$rss_mb" "${pages:-?}"
  echo
  awk -v a="$a_s" -v p="$best_s" -v ar="$a_rss" -v pr="$rss_mb" 'BEGIN {
    printf "XeLaTeX / art2book: %.1fx the wall time", (a > 0 ? p / a : 0)
    if (ar != "n/a" && pr != "n/a" && ar > 0) printf ", %.1fx the memory", pr / ar
    print ""
  }'
else
  echo
  echo "pandoc or xelatex not installed (texlive-xetex, texlive-lang-chinese): no comparison"
fi
