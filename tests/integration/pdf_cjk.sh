#!/bin/bash
# CJK line rules (clreq, jlreq) on the fixture book tests/fixtures/cjk (a
# 20 em measure, marks placed where a naive breaker would start or end a
# line with them), checked on --dump-layout and, independently, on what
# `pdftotext -bbox-layout` reads from the PDF (pdf_cjk_check.py): no
# prohibited mark at a line start or end, justified lines at the margin,
# quarter-em CJK-Latin gaps with or without a source space, compressed
# punctuation pairs and line-final marks, no space inside Latin words.
. "$(dirname "$0")/lib.sh"
need python3
need pdftotext
check="$A2B_SRC/tests/integration/pdf_cjk_check.py"
book="$A2B_SRC/tests/fixtures/cjk"

"$ART2BOOK" --style "$book/print.yaml" --pdf "$A2B_TMP/cjk.pdf" \
  --dump-layout "$A2B_TMP/cjk.json" "$book" 2>"$A2B_TMP/err" || { cat "$A2B_TMP/err" >&2; fail "no PDF"; }
echo "== layout"
python3 "$check" layout "$A2B_TMP/cjk.json" || fail "CJK rules broken in the layout (above)"
pdftotext -bbox-layout "$A2B_TMP/cjk.pdf" "$A2B_TMP/cjk.html" || fail "pdftotext failed"
echo "== pdftotext -bbox-layout"
python3 "$check" bbox "$A2B_TMP/cjk.html" || fail "CJK rules broken in the PDF (above)"
