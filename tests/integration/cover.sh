#!/bin/bash
# Lead images and the drawn cover, end to end, on a book made by
# tests/fixtures/cover/make_book.py: each thumbnail form becomes a figure at
# the top of its article unless the body shows the same file; missing and
# unfetchable thumbnails are warnings at their front matter line; the EPUB
# gets a drawn 1600x2560 cover (a JPEG over the lead images' mosaic, a PNG
# without them) and passes EPUBCheck; the same run gives the same bytes;
# --no-cover gives none; --cover FILE wins.
. "$(dirname "$0")/lib.sh"
need python3
need unzip

book=$A2B_TMP/book
rm -rf "$book" && python3 "$A2B_SRC/tests/fixtures/cover/make_book.py" "$book" \
  || fail "cannot make the fixture book"
run() { # run NAME ARGS...: an EPUB and a model dump of the book, offline
  local name=$1
  shift
  SOURCE_DATE_EPOCH=1700000000 "$ART2BOOK" --offline --cache-dir "$A2B_TMP/cache" "$@" \
    --epub "$A2B_TMP/$name.epub" --dump "$A2B_TMP/$name.model" "$book" 2>"$A2B_TMP/$name.stderr"
  local rc=$?
  [ $rc -eq 0 ] || { cat "$A2B_TMP/$name.stderr" >&2; fail "art2book ($name) exited $rc"; }
}
cover_line() { # cover_line NAME: "type WxH" of the EPUB's cover, from the model dump
  local name
  name=$(sed -n 's/^  cover: "\(.*\)"$/\1/p' "$A2B_TMP/$1.model")
  [ -n "$name" ] || return 0
  sed -n "s|^  resource $name \([^ ]*\) \([0-9]*x[0-9]*\) .*|\1 \2|p" "$A2B_TMP/$1.model"
}
lead_figures() { # lead_figures NAME: "aNNNN.xhtml count-of-lead-figures count-of-img" per article
  local dir=$A2B_TMP/$1.unpacked f
  epub_unpack "$A2B_TMP/$1.epub" "$dir"
  for f in "$dir"/OEBPS/text/a*.xhtml; do
    echo "$(basename "$f") $(grep -c 'class="lead-image"' "$f") $(grep -c '<img ' "$f")"
  done
}

run drawn
check_epub "$A2B_TMP/drawn.epub"

# Problems with thumbnails: at their front matter line, and the only ones.
want="$book/content/a6/index.md:4: warning: lead image 'gone.png' not found
$book/content/a7/index.md:4: warning: cannot fetch lead image 'https://images.example.invalid/t.jpg': not in the cache (--offline)"
got=$(grep ': warning: ' "$A2B_TMP/drawn.stderr")
[ "$got" = "$want" ] || fail "warnings differ; got:
$got"

# a1, a3, a4, a5: the lead figure; a2 shows its thumbnail itself (once); a6, a7: none.
want="a0001.xhtml 1 1
a0002.xhtml 0 1
a0003.xhtml 1 1
a0004.xhtml 1 1
a0005.xhtml 1 1
a0006.xhtml 0 0
a0007.xhtml 0 0"
got=$(lead_figures drawn)
[ "$got" = "$want" ] || fail "lead figures and images per article differ; got:
$got"
# The lead image comes first: right after the article's header.
first=$A2B_TMP/drawn.unpacked/OEBPS/text/a0001.xhtml
grep -A1 '</header>' "$first" | tail -n 1 | grep -q '^<figure class="lead-image">$' \
  || fail "the lead image is not the first thing after the header in a0001.xhtml"

# The drawn cover: the EPUB's cover image, a JPEG over the mosaic.
[ "$(cover_line drawn)" = "image/jpeg 1600x2560" ] || fail "drawn cover is '$(cover_line drawn)'"
unzip -Z1 "$A2B_TMP/drawn.epub" | grep 'text/cover\.xhtml' >/dev/null || fail "no cover page"

# The same sources give the same bytes.
run again
cmp "$A2B_TMP/drawn.epub" "$A2B_TMP/again.epub" || fail "two runs gave different EPUBs"

# Without lead images: no lead figures, and a cover without the mosaic.
run nolead --no-lead-images
check_epub "$A2B_TMP/nolead.epub"
[ "$(lead_figures nolead | awk '{n += $2} END {print n}')" = 0 ] \
  || fail "--no-lead-images still shows lead figures"
[ "$(cover_line nolead)" = "image/png 1600x2560" ] || fail "cover without leads is '$(cover_line nolead)'"
grep -q 'lead image' "$A2B_TMP/nolead.stderr" && fail "--no-lead-images still reports thumbnails"

# --no-cover: none at all.
run none --no-cover
[ -z "$(cover_line none)" ] || fail "--no-cover still gave a cover"
unzip -Z1 "$A2B_TMP/none.epub" | grep 'cover' >/dev/null && fail "--no-cover left a cover in the EPUB"

# --cover FILE wins over the drawing (and over --no-cover).
given=$book/content/a1/lead.png
run given --cover "$given" --no-cover
[ "$(cover_line given)" = "image/png 320x200" ] || fail "--cover gave '$(cover_line given)'"
check_epub "$A2B_TMP/given.epub"
echo "ok: lead images and covers ($(cover_line drawn) drawn)"
