#!/bin/bash
# Golden tests of the front half: for each tests/golden/NAME/, run
# `art2book --dump - $(cat args) input` inside that folder and compare the
# model dump and the diagnostics with expected.dump and expected.err.
# A2B_UPDATE_GOLDEN=1 rewrites the expected files instead (review the diff!).
set -u
status=0
for dir in "$A2B_SRC"/tests/golden/*/; do
  name=$(basename "$dir")
  args=()
  [ -f "$dir/args" ] && read -r -a args < "$dir/args"
  out=$(mktemp) err=$(mktemp)
  (cd "$dir" && SOURCE_DATE_EPOCH=1700000000 "$ART2BOOK" --dump - "${args[@]}" input >"$out" 2>"$err")
  if [ "${A2B_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$dir/expected.dump"
    cp "$err" "$dir/expected.err"
    echo "updated $name"
  else
    if ! diff -u "$dir/expected.dump" "$out"; then
      echo "FAIL: $name: the model dump differs from expected.dump"
      status=1
    fi
    if ! diff -u "$dir/expected.err" "$err"; then
      echo "FAIL: $name: the diagnostics differ from expected.err"
      status=1
    fi
  fi
  rm -f "$out" "$err"
done
[ $status = 0 ] && echo "golden: all model dumps as expected"
exit $status
