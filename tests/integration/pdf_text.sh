#!/bin/bash
# Every character of each article comes back from the PDF through pdftotext,
# in order (pdf_text_check.py): on examples/ and on the sample article.
# (tests/integration/pdf.sh samples titles and paragraphs of every corpus
# source; the full check there is defeated by pdftotext's own reading order
# of table cells and its joining of words hyphenated at line ends.)
. "$(dirname "$0")/lib.sh"
need python3
need pdftotext
check="$A2B_SRC/tests/integration/pdf_text_check.py"

full_text() { # full_text NAME ARGS...
  local name=$1
  shift
  "$ART2BOOK" --pdf "$A2B_TMP/$name.pdf" "$@" 2>/dev/null || fail "$name: no PDF"
  "$ART2BOOK" --dump "$A2B_TMP/$name.dump" "$@" 2>/dev/null || fail "$name: no dump"
  pdftotext -enc UTF-8 "$A2B_TMP/$name.pdf" "$A2B_TMP/$name.txt" || fail "pdftotext failed"
  echo "== $name"
  python3 "$check" "$A2B_TMP/$name.txt" "$A2B_TMP/$name.dump" || fail "$name: text lost in the PDF"
}

full_text examples "$A2B_SRC/examples"
seed="$A2B_SRC/../shared/corpus/seed/seed.md"
if [ -f "$seed" ]; then
  full_text seed "$seed"
else
  echo "sample article check skipped: $seed is absent"
fi
