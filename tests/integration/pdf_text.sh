#!/bin/bash
# Every character of each article comes back from the PDF through pdftotext,
# in order, white space ignored (pdf_text_check.py): on examples/, on
# tests/fixtures/pdf/long-table.md (a table over several pages, its header row
# repeated), then on every source of ../shared/corpus (the sample article among
# them) with the options its SOURCE.md asks for. pdftotext runs with -raw: its
# default reading order moves table cells and code columns around, and it
# joins words broken at a hyphen, dropping the hyphen; -raw gives the content
# stream's order, the order the PDF paints in, and keeps the hyphens. The
# checker is first shown to catch a lost character and two lines out of order
# in a doctored text.
. "$(dirname "$0")/lib.sh"
need python3
need pdftotext
need fc-list
check="$A2B_SRC/tests/integration/pdf_text_check.py"

# full_text NAME WANT_RC ARGS...: convert ARGS (exit status WANT_RC), then
# check $A2B_TMP/NAME.txt, the PDF's text, against NAME.dump.
full_text() {
  local name=$1 want=$2 rc
  shift 2
  "$ART2BOOK" --pdf "$A2B_TMP/$name.pdf" --dump "$A2B_TMP/$name.dump" "$@" \
    2>"$A2B_TMP/$name.stderr"
  rc=$?
  pdf_skip_unavailable $rc "$A2B_TMP/$name.stderr"
  if [ $rc -ne "$want" ]; then
    head -n 20 "$A2B_TMP/$name.stderr" >&2
    fail "$name: art2book --pdf exited $rc, expected $want"
  fi
  pdftotext -raw -enc UTF-8 "$A2B_TMP/$name.pdf" "$A2B_TMP/$name.txt" \
    || fail "$name: pdftotext failed"
  echo "== $name $*"
  python3 "$check" "$A2B_TMP/$name.txt" "$A2B_TMP/$name.dump" || fail "$name: text lost in the PDF"
}

full_text examples 0 "$A2B_SRC/examples"
full_text long-table 0 "$A2B_SRC/tests/fixtures/pdf/long-table.md"

# The checker fails on the examples' text with one character of a body text
# taken out, and with the line holding it swapped with the next line.
python3 - "$A2B_TMP/examples.txt" "$A2B_TMP/examples.dump" "$A2B_TMP/doctored" <<'PY' \
  || fail "cannot doctor the examples' text"
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
dump = open(sys.argv[2], encoding="utf-8").read()
# The first long text of a body that the PDF holds on one line, unchanged.
lines = text.split("\n")
for m in re.finditer(r'^\s+text (".*") @\d+:\d+$', dump, re.M):
    s = json.loads(re.sub(r'(?<!\\)\\x([0-9a-f]{2})', r'\\u00\1', m.group(1)))
    if len(s) >= 12 and s.isprintable():
        hits = [i for i, l in enumerate(lines) if s[:12] in l]
        if len(hits) == 1 and lines[hits[0] + 1].strip():
            break
else:
    sys.exit("no body text to doctor")
i = hits[0]
at = lines[i].index(s[:12]) + 6
lost = lines[:i] + [lines[i][:at] + lines[i][at + 1:]] + lines[i + 1:]
swapped = lines[:i] + [lines[i + 1], lines[i]] + lines[i + 2:]
open(sys.argv[3] + ".lost.txt", "w", encoding="utf-8").write("\n".join(lost))
open(sys.argv[3] + ".swapped.txt", "w", encoding="utf-8").write("\n".join(swapped))
print(f"   doctored: {lines[i][at]!r} taken out of, then swapped with the next line: {lines[i]!r}")
PY
for how in lost swapped; do
  if python3 "$check" "$A2B_TMP/doctored.$how.txt" "$A2B_TMP/examples.dump" >/dev/null 2>&1; then
    fail "the checker passes the examples' text doctored ($how)"
  fi
done

corpus="$A2B_SRC/../shared/corpus"
if [ ! -d "$corpus" ]; then
  echo "corpus checks skipped: $corpus is absent"
  exit 0
fi
n=0
for dir in "$corpus"/*/; do
  name=$(basename "$dir")
  corpus_source "$name"
  full_text "$name" $want_rc "${opts[@]}" "$dir"
  n=$((n + 1))
done
echo "ok: examples/ and $n corpus sources"
