# Remote images against a local HTTP server (fetch_server.py on 127.0.0.1):
# - without --allow-private-network, 127.0.0.1 (also as "localhost") is
#   refused before connecting;
# - with it: good images are embedded (type sniffed from the bytes), and a
#   slow image (timeout), a declared and a streamed oversized one (cap), a
#   404, a non-image, redirects to link-local/metadata, 0.0.0.0, an
#   IPv4-mapped metadata address, a file: URL and a redirect loop each give
#   their warning, the EPUB passes EPUBCheck and references nothing remote;
# - a second run revalidates (If-None-Match, If-Modified-Since: 304) and a
#   changed image is downloaded again; a vanished one is served from the
#   cache with a note; --offline reads the cache only.
. "$(dirname "$0")/lib.sh"
need python3
need unzip

SRV=$A2B_TMP/srv LOG=$A2B_TMP/requests.log CACHE=$A2B_TMP/cache
mkdir -p "$SRV" "$A2B_TMP/book"
IMG=$A2B_SRC/tests/fixtures/images
cp "$IMG/tiny.png" "$SRV/good.png"
cp "$IMG/tiny.jpg" "$SRV/good.jpg"
cp "$IMG/tiny.gif" "$SRV/misnamed.png" # a GIF behind a .png name and type
cp "$IMG/tiny.png" "$SRV/noext"        # no extension, octet-stream
echo '<html><body>not an image</body></html>' >"$SRV/page.html"
: >"$LOG"

python3 "$A2B_SRC/tests/integration/fetch_server.py" "$SRV" "$LOG" "$A2B_TMP/port" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$A2B_TMP"' EXIT
for _ in $(seq 50); do [ -s "$A2B_TMP/port" ] && break; sleep 0.1; done
[ -s "$A2B_TMP/port" ] || fail "the test server did not start"
PORT=$(cat "$A2B_TMP/port")
U=http://127.0.0.1:$PORT

cat >"$A2B_TMP/book/remote.md" <<EOF
---
title: Remote images
date: 2024-01-01
---
![good png]($U/good.png)

![good jpeg]($U/good.jpg)

![misnamed]($U/misnamed.png)

![no extension]($U/noext#fragment)

![again]($U/good.png)

![redirected]($U/to-good)

![slow]($U/slow.png)

![declared huge]($U/declared-huge.png)

![streamed huge]($U/streamed-huge.png)

![missing]($U/missing.png)

![page]($U/page.html)

![metadata]($U/to-metadata)

![mapped metadata]($U/to-mapped-metadata)

![zero]($U/to-zero)

![file]($U/to-file)

![loop]($U/loop)

![by name](http://localhost:$PORT/good.png)
EOF

# run NAME ARGS...: art2book on the book into NAME.epub, stderr in NAME.err.
run() {
  local name=$1
  shift
  "$ART2BOOK" --no-cover --cache-dir "$CACHE" --fetch-timeout 1 "$@" --epub "$A2B_TMP/$name.epub" \
    "$A2B_TMP/book" 2>"$A2B_TMP/$name.err"
  local rc=$?
  [ $rc -eq 0 ] || { cat "$A2B_TMP/$name.err" >&2; fail "$name: art2book exited $rc"; }
}

# warns NAME LINE TEXT: NAME.err holds a fetch warning at remote.md:LINE
# whose text contains TEXT.
warns() {
  grep -F "remote.md:$2:1: warning: cannot fetch image " "$A2B_TMP/$1.err" | grep -qF -- "$3" || {
    cat "$A2B_TMP/$1.err" >&2
    fail "$1: no warning at line $2 saying '$3'"
  }
}

# requests PATTERN: how many logged requests match the extended regex.
requests() { grep -cE -- "$1" "$LOG"; }

# images NAME: the image files in NAME.epub, one "name size" a line, sorted.
images() {
  unzip -Z1 "$A2B_TMP/$1.epub" | grep '/images/' | sed 's|.*/images/||' | sort
}

# --- 1. Loopback is refused without --allow-private-network, before connecting.
run private
warns private 5 "refused to connect to 127.0.0.1 (loopback; allowed with --allow-private-network)"
# A host name is judged by the address it resolves to.
warns private 37 "(loopback; allowed with --allow-private-network)"
[ "$(grep -c ': warning: cannot fetch image ' "$A2B_TMP/private.err")" -eq 17 ] \
  || fail "private: not every image was refused"
[ "$(requests .)" -eq 0 ] || { cat "$LOG" >&2; fail "private: the server was contacted"; }
[ ! -e "$CACHE" ] || [ -z "$(ls -A "$CACHE")" ] || fail "private: something was cached"

# --- 2. First run with the flag: each outcome.
start=$(date +%s)
run first --allow-private-network
elapsed=$(($(date +%s) - start))
[ $elapsed -lt 8 ] || fail "first: took ${elapsed}s; the 1 s timeout did not hold"
warns first 17 "timed out after 1 s"
warns first 19 "larger than 64 MB"
warns first 21 "larger than 64 MB"
warns first 23 "HTTP error 404"
warns first 25 "not an image (the server sent text/html"
warns first 27 "refused to connect to 169.254.169.254 (cloud metadata)"
warns first 29 "refused to connect to ::ffff:169.254.169.254 (cloud metadata)"
warns first 31 "refused to connect to 0.0.0.0 (unspecified)"
warns first 33 "redirected to 'file:///etc/passwd' (only http and https are fetched)"
warns first 35 "more than 5 redirects"
n=$(grep -c ': warning: ' "$A2B_TMP/first.err")
[ "$n" -eq 10 ] || { cat "$A2B_TMP/first.err" >&2; fail "first: $n warnings, expected 10"; }
# Each distinct URL once, though good.png is used twice.
[ "$(requests '^GET /good.png ')" -eq 3 ] \
  || fail "first: good.png not fetched once directly, once via the redirect, once by name"
[ "$(requests '^GET /to-good ')" -eq 1 ] || fail "first: the redirect was fetched more than once"
# Types from the bytes: the GIF named .png is a .gif; the extension-less PNG a .png.
got=$(images first | sed 's/.*\.//' | sort | tr '\n' ' ')
[ "$got" = "gif jpg png " ] || fail "first: EPUB images are '$got', expected one gif, jpg and png"
check_epub "$A2B_TMP/first.epub"
epub_unpack "$A2B_TMP/first.epub" "$A2B_TMP/first"
if grep -rlE "src=\"(https?:)?//" "$A2B_TMP/first" --include='*.xhtml'; then
  fail "first: an XHTML file references a remote resource"
fi
if grep -rlE "href=\"https?://127" "$A2B_TMP/first" --include='*.opf'; then
  fail "first: the package lists a remote resource"
fi
# A failed image stays a link to its URL.
grep -rqF "href=\"$U/missing.png\"" "$A2B_TMP/first" || fail "first: the 404 image is not a link"
# Only images are cached: good.png, good.jpg, misnamed.png, noext, to-good and
# the localhost URL.
[ "$(ls "$CACHE" | wc -l)" -eq 6 ] || { ls -l "$CACHE" >&2; fail "first: expected 6 cache entries"; }

# --- 3. Second run: revalidated, nothing downloaded again.
: >"$LOG"
run second --allow-private-network
grep -qE "^GET /good.png 304 inm=\"[0-9a-f]{16}\" ims=-$" "$LOG" \
  || { cat "$LOG" >&2; fail "second: good.png not revalidated with If-None-Match"; }
grep -qE "^GET /good.jpg 304 inm=- ims=[A-Z][a-z]{2}, " "$LOG" \
  || { cat "$LOG" >&2; fail "second: good.jpg not revalidated with If-Modified-Since"; }
[ "$(requests '^GET /(good\.png|good\.jpg|misnamed\.png|noext) 200')" -eq 0 ] \
  || { cat "$LOG" >&2; fail "second: a cached image was downloaded again"; }
[ "$(images first)" = "$(images second)" ] || fail "second: the images differ from the first run"
# The PDF draws the fetched PNG and JPEG (GIF is not drawn yet).
if command -v pdfimages >/dev/null; then
  "$ART2BOOK" --cache-dir "$CACHE" --offline --pdf "$A2B_TMP/second.pdf" "$A2B_TMP/book" \
    2>"$A2B_TMP/pdf.err"
  rc=$?
  pdf_skip_unavailable $rc "$A2B_TMP/pdf.err"
  [ $rc -eq 0 ] || { cat "$A2B_TMP/pdf.err" >&2; fail "pdf: art2book exited $rc"; }
  got=$(pdfimages -list "$A2B_TMP/second.pdf" | awk 'NR > 2 { print $4 "x" $5 }' | sort -u | tr '\n' ' ')
  [ "$got" = "13x7 5x3 " ] || fail "pdf: drawn images are '$got', expected the 5x3 PNG and 13x7 JPEG"
fi

# --- 4. A changed image is downloaded; a vanished one comes from the cache.
cp "$IMG/tiny.gif" "$SRV/good.png"
rm "$SRV/misnamed.png"
: >"$LOG"
run third --allow-private-network
grep -qE "^GET /good.png 200 inm=\"" "$LOG" || { cat "$LOG" >&2; fail "third: changed good.png not downloaded"; }
grep -qF "remote.md:9:1: note: image '$U/misnamed.png': cannot revalidate (HTTP error 404); the cached copy is used" \
  "$A2B_TMP/third.err" || { cat "$A2B_TMP/third.err" >&2; fail "third: no note about the cached copy"; }
[ "$(images third | grep -c '\.png$')" -eq 1 ] || fail "third: expected one PNG (noext) left"
[ "$(images third | grep -c '\.gif$')" -eq 1 ] || fail "third: the new good.png (a GIF) and misnamed.png (same GIF) should be one file"

# --- 5. Offline: the cache only, never the server; no address checks on cache reads.
: >"$LOG"
run offline --offline
[ "$(requests .)" -eq 0 ] || { cat "$LOG" >&2; fail "offline: the server was contacted"; }
[ "$(images offline)" = "$(images third)" ] || fail "offline: images differ from the cached ones"
warns offline 23 "not in the cache (--offline)"
[ "$(grep -c ': warning: ' "$A2B_TMP/offline.err")" -eq 10 ] \
  || { cat "$A2B_TMP/offline.err" >&2; fail "offline: expected 10 warnings (the uncached images)"; }
check_epub "$A2B_TMP/offline.epub"

# --- 6. Offline with an empty cache: every image warns, the book is still written.
CACHE=$A2B_TMP/empty-cache run empty --offline
[ "$(grep -c 'not in the cache (--offline)' "$A2B_TMP/empty.err")" -eq 17 ] \
  || fail "empty: expected every image not in the cache"
[ -z "$(images empty)" ] || fail "empty: images without a cache"

# --- 7. The default cache folder is $XDG_CACHE_HOME/art2book (lib.sh points it
# into the scratch folder).
"$ART2BOOK" --allow-private-network --fetch-timeout 1 --epub "$A2B_TMP/xdg.epub" \
  "$A2B_TMP/book" 2>"$A2B_TMP/xdg.err" || fail "xdg: art2book failed"
# good.png, good.jpg, noext, to-good and localhost (misnamed.png is gone).
[ "$(ls "$XDG_CACHE_HOME/art2book" | wc -l)" -eq 5 ] \
  || { ls -l "$XDG_CACHE_HOME/art2book" >&2; fail "xdg: expected 5 entries in \$XDG_CACHE_HOME/art2book"; }

echo "ok: remote images fetched, refused, cached, revalidated and read offline"
