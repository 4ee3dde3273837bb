#!/bin/bash
# Typesetting rules checked on --dump-layout (pdf_layout_check.py): justified
# lines end at the measure, Chinese first lines indented 2 em (Japanese 1 em),
# constant line pitch, no heading at a page end, no widow or orphan line of a
# split paragraph, footnotes on the page of their reference, table header rows
# repeated on the pages a table goes on to. On examples/ and a long table
# (tests/fixtures/pdf/long-table.md), then on every corpus source when
# ../shared/corpus is there. The checker is shown to catch a missing or
# changed header row, a widow and an orphan in the long table's layout,
# doctored (pdf_layout_doctor.py).
. "$(dirname "$0")/lib.sh"
need python3
check="$A2B_SRC/tests/integration/pdf_layout_check.py"

layout() { # layout NAME ARGS...
  local name=$1
  shift
  "$ART2BOOK" --pdf "$A2B_TMP/$name.pdf" --dump-layout "$A2B_TMP/$name.json" "$@" 2>/dev/null
  [ -s "$A2B_TMP/$name.json" ] || fail "$name: no layout written"
  echo "== $name"
  python3 "$check" "$A2B_TMP/$name.json" | tee "$A2B_TMP/$name.out" \
    || fail "$name: typesetting rules broken (above)"
}

layout examples "$A2B_SRC/examples"
layout examples-a4 --paper a4 "$A2B_SRC/examples"
layout long-table "$A2B_SRC/tests/fixtures/pdf/long-table.md"
goes_on=$(grep -oE '[0-9]+ tables going on to the next page' "$A2B_TMP/long-table.out")
[ "${goes_on%% *}" -ge 2 ] 2>/dev/null || fail "long-table: the table does not span three pages"

# doctored RULE MESSAGE: the long table's layout with RULE broken fails the
# checker, which says MESSAGE.
doctored() {
  python3 "$A2B_SRC/tests/integration/pdf_layout_doctor.py" "$A2B_TMP/long-table.json" "$1" \
    "$A2B_TMP/doctored-$1.json" || fail "cannot break '$1' in the long table's layout"
  if python3 "$check" "$A2B_TMP/doctored-$1.json" >/dev/null 2>"$A2B_TMP/doctored-$1.err"; then
    fail "the checker passes the long table's layout with '$1' broken"
  fi
  grep -q "$2" "$A2B_TMP/doctored-$1.err" || { cat "$A2B_TMP/doctored-$1.err" >&2
    fail "the checker fails the layout with '$1' broken, but not saying '$2'"; }
}
doctored no-header 'without its header row'
doctored header-text 'without its header row'
doctored widow 'widow: one line'
doctored orphan 'orphan: one line'

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
