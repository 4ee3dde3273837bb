# Real articles with remote images, served: a copy of two corpus sources
# whose remote image addresses (Markdown, reference definitions, raw HTML,
# protocol-relative) point
# at a local server that answers every path with a PNG. Both outputs must
# hold every image: the EPUB passes EPUBCheck, references nothing remote and
# embeds as many images as there are distinct addresses; the PDF passes the
# PDF checks and draws them.
. "$(dirname "$0")/lib.sh"
need python3
need unzip
corpus_dir

SRV_LOG=$A2B_TMP/served.log
python3 "$A2B_SRC/tests/integration/any_image_server.py" "$A2B_TMP/port" "$SRV_LOG" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$A2B_TMP"' EXIT
for _ in $(seq 50); do [ -s "$A2B_TMP/port" ] && break; sleep 0.1; done
[ -s "$A2B_TMP/port" ] || fail "the test server did not start"
PORT=$(cat "$A2B_TMP/port")

for name in bedtimenews-bedtimenews-archive-contents dillonzq-LoveIt; do
  [ -d "$CORPUS/$name" ] || { echo "$name: not in the corpus, skipped"; continue; }
  book=$A2B_TMP/$name
  cp -r "$CORPUS/$name" "$book"
  # Every remote address in an image reference, rewritten to the server.
  n=$(python3 - "$book" "$PORT" <<'PY'
import os, re, sys
root, port = sys.argv[1], sys.argv[2]
url = r'(?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,})(/[^\s)"\'<>]*)?'
md = re.compile(r'(!\[[^\]]*\]\()' + url)
html = re.compile(r'(<img\b[^>]*?\bsrc=["\'])' + url, re.I)
ref = re.compile(r'(^\[[^\]]+\]:[ \t]*<?)' + url, re.M)  # reference definitions
seen = set()
def to_local(m):
    path = '/' + m.group(2) + (m.group(3) or '/')
    seen.add(path)
    return m.group(1) + 'http://127.0.0.1:' + port + path
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith('.md'):
            p = os.path.join(d, f)
            t = open(p, encoding='utf-8').read()
            u = ref.sub(to_local, html.sub(to_local, md.sub(to_local, t)))
            if u != t:
                open(p, 'w', encoding='utf-8').write(u)
print(len(seen))
PY
)
  [ "$n" -gt 0 ] || fail "$name: no remote image to rewrite"
  corpus_source "$name"
  online=()
  for o in "${opts[@]}"; do [ "$o" = --offline ] || online+=("$o"); done
  "$ART2BOOK" "${online[@]}" --allow-private-network --cache-dir "$A2B_TMP/cache" --no-cover \
    --epub "$A2B_TMP/$name.epub" --pdf "$A2B_TMP/$name.pdf" "$book" 2>"$A2B_TMP/$name.stderr"
  rc=$?
  [ $rc -eq "$want_rc" ] || { cat "$A2B_TMP/$name.stderr" >&2; fail "$name: exit $rc, expected $want_rc"; }
  grep -q 'cannot fetch' "$A2B_TMP/$name.stderr" &&
    { grep 'cannot fetch' "$A2B_TMP/$name.stderr" >&2; fail "$name: an image was not fetched"; }
  check_epub "$A2B_TMP/$name.epub"
  unzip -p "$A2B_TMP/$name.epub" 'OEBPS/text/*.xhtml' | grep -Eq '<img[^>]+src="(https?:)?//' &&
    fail "$name: the EPUB references a remote image"
  images=$(unzip -Z1 "$A2B_TMP/$name.epub" | grep -c '^OEBPS/images/')
  # Distinct addresses may give the same bytes only by chance (same hash).
  [ "$images" -ge $((n * 9 / 10)) ] || fail "$name: $images images embedded for $n addresses"
  check_pdf "$A2B_TMP/$name.pdf"
  if command -v pdfimages >/dev/null; then
    drawn=$(pdfimages -list "$A2B_TMP/$name.pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
    [ "$drawn" -ge $((n * 9 / 10)) ] || fail "$name: the PDF draws $drawn images for $n addresses"
  fi
  echo "ok: $name: $n remote addresses served, $images images in the EPUB"
done
