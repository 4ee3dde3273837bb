# The PDF digest of examples/, the seed article and every corpus source:
# qpdf finds nothing wrong, every font is embedded and subset with a
# ToUnicode map, pdftotext gives back each article's title and samples of
# its paragraphs, every page is A5 (A4 with --paper a4), the outline lists
# the articles, links exist, and two runs under the same SOURCE_DATE_EPOCH
# (different time zones) give identical files.
# Skipped while the program says that PDF output is not available.
. "$(dirname "$0")/lib.sh"
need qpdf
need pdffonts
need pdftotext
need pdfinfo
need python3
need cmp

EPOCH=1700000000 EPOCH_ISO=2023-11-14T22:13:20Z

# build NAME WANT_RC ARGS...: $A2B_TMP/NAME.pdf and NAME.dump from one run
# with ARGS; fails unless it exits WANT_RC.
build() {
  local name=$1 want=$2 rc
  shift 2
  SOURCE_DATE_EPOCH=$EPOCH TZ=UTC "$ART2BOOK" --pdf "$A2B_TMP/$name.pdf" \
    --dump "$A2B_TMP/$name.dump" "$@" 2>"$A2B_TMP/$name.stderr"
  rc=$?
  pdf_skip_unavailable $rc "$A2B_TMP/$name.stderr"
  if [ $rc -ne "$want" ]; then
    head -n 20 "$A2B_TMP/$name.stderr" >&2
    fail "$name: art2book --pdf exited $rc, expected $want"
  fi
  grep -cE ': warning: ' "$A2B_TMP/$name.stderr" | sed 's/^/   warnings: /'
  # The second layout pass must not say the first pass's warnings again.
  local repeated
  repeated=$(grep -E ': (warning|error): ' "$A2B_TMP/$name.stderr" | sort | uniq -d | head -n 3)
  [ -z "$repeated" ] || fail "$name: diagnostics reported twice, e.g. $repeated"
}

# check NAME: the checks every PDF gets.
check() {
  check_pdf "$A2B_TMP/$1.pdf"
  check_pdf_paper "$A2B_TMP/$1.pdf" 148 210
  check_pdf_text "$A2B_TMP/$1.pdf" "$A2B_TMP/$1.dump"
}

# check_outline_and_links NAME: every article title of the dump is an
# outline entry, and the PDF has links both to URIs and to destinations.
check_outline_and_links() {
  qpdf --json --json-key=outlines --json-key=qpdf "$A2B_TMP/$1.pdf" |
    python3 -c '
import json, re, sys
doc = json.load(sys.stdin)
titles = set()
def walk(items):
    for o in items:
        titles.add(o["title"])
        walk(o["kids"])
walk(doc["outlines"])
want = [json.loads(m) for m in
        re.findall(r"^article \d+ .*\n  title: (\".*\")$", open(sys.argv[1]).read(), re.M)]
missing = [t for t in want if t not in titles]
for t in missing:
    print("not in the outline:", t, file=sys.stderr)
links = [v["value"] for v in doc["qpdf"][1].values()
         if isinstance(v.get("value"), dict) and v["value"].get("/Subtype") == "/Link"]
uri = sum(1 for l in links if "/URI" in l.get("/A", {}))
dest = sum(1 for l in links if "/Dest" in l or "/D" in l.get("/A", {}))
print(f"   outline: {len(titles)} entries; links: {uri} to URIs, {dest} inside")
sys.exit(1 if missing or not want or not uri or not dest else 0)
' "$A2B_TMP/$1.dump" || fail "$1: outline or links missing"
}

# ---- examples/ -------------------------------------------------------------
echo "== examples"
build examples 0 --strict "$A2B_SRC/examples"
check examples
check_outline_and_links examples
info=$(TZ=UTC pdfinfo -isodates "$A2B_TMP/examples.pdf") || fail "pdfinfo cannot read examples.pdf"
for want in "Title: *小舟札记" "Author: *林小舟" "CreationDate: *$EPOCH_ISO" "ModDate: *$EPOCH_ISO"; do
  grep -qE "^$want\$" <<<"$info" || fail "examples.pdf: no '$want' in its metadata"
done

# Reproducible: the same bytes from another time zone.
SOURCE_DATE_EPOCH=$EPOCH TZ=Asia/Shanghai "$ART2BOOK" --pdf "$A2B_TMP/again.pdf" \
  "$A2B_SRC/examples" 2>/dev/null || fail "second run on examples/ failed"
cmp "$A2B_TMP/examples.pdf" "$A2B_TMP/again.pdf" \
  || fail "two runs with SOURCE_DATE_EPOCH=$EPOCH differ (TZ=UTC vs Asia/Shanghai)"

# Another paper.
SOURCE_DATE_EPOCH=$EPOCH "$ART2BOOK" --paper a4 --pdf "$A2B_TMP/a4.pdf" "$A2B_SRC/examples" \
  2>/dev/null || fail "--paper a4 failed"
check_pdf "$A2B_TMP/a4.pdf"
check_pdf_paper "$A2B_TMP/a4.pdf" 210 297

# ---- the corpus ------------------------------------------------------------
CORPUS=$A2B_SRC/../shared/corpus
if [ ! -d "$CORPUS" ]; then
  echo "ok: examples/ (corpus not found at $CORPUS: not checked)"
  exit 0
fi
n=0
for src in "$CORPUS"/*/; do
  src=${src%/}
  name=$(basename "$src")
  corpus_source "$name"
  echo "== $name ${opts[*]}"
  build "$name" $want_rc "${opts[@]}" "$src"
  check "$name"
  n=$((n + 1))
done
echo "ok: examples/ and $n corpus sources"
