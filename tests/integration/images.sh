#!/bin/bash
# Images of every format in one book (tests/fixtures/images/book, made by
# tests/fixtures/images/make_formats.c): WebP, TIFF and BMP converted, wide
# images scaled down to --max-image-width, EXIF orientation applied, one
# copy of identical images, broken ones reported with file:line and left
# out; the EPUB passes EPUBCheck (also with --grayscale), the PDF is made.
. "$(dirname "$0")/lib.sh"
need python3
need unzip

book=$A2B_SRC/tests/fixtures/images/book
article=$book/formats/index.md
epub=$A2B_TMP/formats.epub

"$ART2BOOK" --no-cover --verbose --epub "$epub" --dump "$A2B_TMP/model" "$book" 2>"$A2B_TMP/stderr"
rc=$?
cat "$A2B_TMP/stderr" >&2
[ $rc -eq 0 ] || fail "art2book exited $rc"
check_epub "$epub"

# The two broken images are warnings at their reference, and the only ones.
want_warnings="$article:46:1: warning: image 'cut.jpg': truncated JPEG (it ends before its end-of-image marker)
$article:48:1: warning: image 'huge.png': declared size 100000x100000 pixels is too large (limit: 30000 a side, 100 megapixels)"
got_warnings=$(grep ': warning: ' "$A2B_TMP/stderr")
[ "$got_warnings" = "$want_warnings" ] || fail "warnings differ; got:
$got_warnings"

# What each reference became: "src type WxH" from the model dump.
python3 - "$A2B_TMP/model" >"$A2B_TMP/bound" <<'PY' || fail "cannot read the dump"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
res = {m[0]: (m[1], m[2]) for m in re.findall(r"^  resource (\S+) (\S+) (\d+x\d+) ", text, re.M)}
for src, name in re.findall(r'image src="([^"]*)" resource="([^"]*)"', text):
    print(src, name, *res[name])
PY
expect() { # expect SRC TYPE SIZE
  grep -qx "$1 [^ ]* $2 $3" "$A2B_TMP/bound" || fail "'$1' is not $2 $3: $(grep "^$1 " "$A2B_TMP/bound")"
}
expect wide-photo.jpg image/jpeg 1600x80
expect wide-chart.png image/png 1600x40
expect rotated.jpg image/jpeg 48x96
expect lossy.webp image/jpeg 160x100
expect lossless.webp image/png 120x80
expect photo-jpeg.tif image/jpeg 160x96
expect scan.tif image/png 64x40
expect icon.bmp image/png 20x20
expect anim.gif image/gif 4x6
expect diagram.svg image/svg+xml 301x150
# Same bytes under two names, and the lazy-loaded copy: one resource each.
[ "$(grep -c '^icon' "$A2B_TMP/bound")" -eq 2 ] || fail "the BMP references are not both bound"
[ "$(grep '^icon' "$A2B_TMP/bound" | cut -d' ' -f2 | sort -u | wc -l)" -eq 1 ] ||
  fail "the two identical BMPs became two resources"
[ "$(grep -c '^lossless.webp ' "$A2B_TMP/bound")" -eq 2 ] || fail "the lazy-loading image is not bound"
grep -E '^(cut.jpg|huge.png) ' "$A2B_TMP/bound" && fail "a broken image is bound"
n=$(grep -c '^  resource ' "$A2B_TMP/model")
[ "$n" -eq 10 ] || fail "$n resources, not 10"

# Only core media types in the EPUB; the broken images show their alt text.
dir=$A2B_TMP/unpacked
epub_unpack "$epub" "$dir"
ls "$dir"/*/images/ | grep -vE '\.(png|jpg|gif|svg)$' && fail "non-core image files in the EPUB"
grep -rq 'cut photo' "$dir" --include='*.xhtml' || fail "the cut JPEG's alt text is gone"

# --verbose: the book's size and the largest image with its source.
grep -qE "^art2book: $epub is [0-9]+ KB$" "$A2B_TMP/stderr" || fail "--verbose gives no EPUB size"
grep -A1 'the largest:' "$A2B_TMP/stderr" | grep -q "(from $book/formats/wide-photo.jpg)" ||
  fail "--verbose does not list the wide photo first"

# --max-image-width 0: the wide JPEG goes in byte for byte.
"$ART2BOOK" --no-cover --max-image-width 0 --epub "$A2B_TMP/full.epub" --dump "$A2B_TMP/model0" "$book" \
  2>/dev/null
name=$(grep -o 'image src="wide-photo.jpg" resource="[^"]*"' "$A2B_TMP/model0" | sed 's/.*resource="//; s/"$//')
unzip -p "$A2B_TMP/full.epub" "OEBPS/$name" >"$A2B_TMP/photo" 2>/dev/null ||
  unzip -p "$A2B_TMP/full.epub" "*/$name" >"$A2B_TMP/photo"
cmp -s "$A2B_TMP/photo" "$book/formats/wide-photo.jpg" ||
  fail "with --max-image-width 0 the wide JPEG was changed"

# --grayscale: every PNG is gray (colour type 0 or 4) and every JPEG has
# one component; the EPUB is still valid.
"$ART2BOOK" --grayscale --epub "$A2B_TMP/gray.epub" "$book" 2>/dev/null
check_epub "$A2B_TMP/gray.epub"
python3 - "$A2B_TMP/gray.epub" <<'PY' || fail "--grayscale left colour images"
import sys, zipfile
bad = []
for info in zipfile.ZipFile(sys.argv[1]).infolist():
    if "/images/" not in info.filename:
        continue
    d = zipfile.ZipFile(sys.argv[1]).read(info)
    if d[:4] == b"\x89PNG" and d[25] not in (0, 4):
        bad.append(info.filename)
    if d[:2] == b"\xff\xd8":
        i = 2
        while i + 4 <= len(d) and d[i] == 0xFF:
            m, n = d[i + 1], d[i + 2] << 8 | d[i + 3]
            if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
                if d[i + 9] != 1:
                    bad.append(info.filename)
                break
            i += 2 + n
for b in bad:
    print("not gray:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# The PDF is made, with the converted images in it.
"$ART2BOOK" --pdf "$A2B_TMP/formats.pdf" "$book" 2>"$A2B_TMP/pdf.stderr"
rc=$?
pdf_skip_unavailable $rc "$A2B_TMP/pdf.stderr"
[ $rc -eq 0 ] || { cat "$A2B_TMP/pdf.stderr" >&2; fail "the PDF run exited $rc"; }
# The same image twice on one page (the two BMPs) is fine too: cairo 1.16
# would name it twice in the page's resources, which qpdf warns about.
need qpdf
qpdf --check "$A2B_TMP/formats.pdf" >"$A2B_TMP/qpdf" 2>&1 ||
  { cat "$A2B_TMP/qpdf" >&2; fail "qpdf --check fails or warns on the PDF"; }
if command -v pdfimages >/dev/null; then
  n=$(pdfimages -list "$A2B_TMP/formats.pdf" | awk 'NR > 2 && $3 == "image" { print $11 }' | sort -u | wc -l)
  [ "$n" -ge 8 ] || fail "the PDF holds $n distinct images, not the 8 PNG and JPEG ones"
fi
echo "images: 10 resources from 14 references, EPUBCheck clean in colour and gray, PDF made"
