#!/bin/bash
# Typesetting rules checked on --dump-layout (pdf_layout_check.py): justified
# lines end at the measure, Chinese first lines indented 2 em (Japanese 1 em),
# constant line pitch, no heading at a page end, no lone line of a split
# paragraph, footnotes on the page of their reference. On examples/, then on
# every corpus source when ../shared/corpus is there.
. "$(dirname "$0")/lib.sh"
need python3
check="$A2B_SRC/tests/integration/pdf_layout_check.py"

layout() { # layout NAME ARGS...
  local name=$1
  shift
  "$ART2BOOK" --pdf "$A2B_TMP/$name.pdf" --dump-layout "$A2B_TMP/$name.json" "$@" 2>/dev/null
  [ -s "$A2B_TMP/$name.json" ] || fail "$name: no layout written"
  echo "== $name"
  python3 "$check" "$A2B_TMP/$name.json" || fail "$name: typesetting rules broken (above)"
}

layout examples "$A2B_SRC/examples"
layout examples-a4 --paper a4 "$A2B_SRC/examples"

corpus="$A2B_SRC/../shared/corpus"
if [ ! -d "$corpus" ]; then
  echo "corpus checks skipped: $corpus is absent"
  exit 0
fi
for dir in "$corpus"/*/; do
  name=$(basename "$dir")
  corpus_source "$name"
  layout "$name" "${opts[@]}" "$dir"
done
