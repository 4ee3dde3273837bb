#!/bin/bash
# An EPUB-only run loads pango, cairo and fontconfig (in the PDF back end,
# a module loaded on demand) only to draw its cover: not with --no-cover, not
# with --cover FILE; a PDF run and a drawn cover do load them.
. "$(dirname "$0")/lib.sh"

loaded() { # loaded ARGS...: the shared objects the dynamic loader opened
  LD_DEBUG=libs "$ART2BOOK" "$@" 2>&1 >/dev/null | grep -oE 'calling init: [^ ]+' | sed 's/.*: //'
}

need unzip
no_pango() { # no_pango NAME ARGS...: an EPUB-only run that must not load the PDF libraries
  local name=$1 libs
  shift
  libs=$(loaded "$@" --epub "$A2B_TMP/$name.epub" "$A2B_SRC/examples")
  [ -s "$A2B_TMP/$name.epub" ] || fail "the EPUB-only run ($name) wrote no EPUB"
  grep -qE 'libzip' <<<"$libs" || fail "LD_DEBUG shows no library at all; cannot judge"
  if grep -E 'pango|cairo|fontconfig|freetype|harfbuzz' <<<"$libs"; then
    fail "an EPUB-only run ($name) loaded the libraries above"
  fi
  epub_libs=$libs
}
no_pango given --cover "$A2B_SRC/tests/fixtures/images/tiny.png"
no_pango none --no-cover
unzip -Z1 "$A2B_TMP/none.epub" | grep 'cover\.xhtml' >/dev/null && fail "--no-cover still gave a cover page"

drawn_libs=$(loaded --epub "$A2B_TMP/drawn.epub" "$A2B_SRC/examples")
grep -q 'pango' <<<"$drawn_libs" || fail "drawing a cover did not load pango: is the module missing?"
unzip -Z1 "$A2B_TMP/drawn.epub" | grep 'cover\.xhtml' >/dev/null || fail "the drawn cover is not in the EPUB"
pdf_libs=$(loaded --pdf "$A2B_TMP/a.pdf" "$A2B_SRC/examples")
grep -q 'pango' <<<"$pdf_libs" || fail "a PDF run did not load pango: is the module missing?"
echo "epub_only_libs: the EPUB-only run loaded $(wc -l <<<"$epub_libs") libraries, none of pango/cairo/fontconfig"
