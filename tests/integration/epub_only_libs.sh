#!/bin/bash
# An EPUB-only run never loads pango, cairo or fontconfig (the PDF back end
# is a module loaded on demand); a PDF run does load them.
. "$(dirname "$0")/lib.sh"

loaded() { # loaded ARGS...: the shared objects the dynamic loader opened
  LD_DEBUG=libs "$ART2BOOK" "$@" 2>&1 >/dev/null | grep -oE 'calling init: [^ ]+' | sed 's/.*: //'
}

epub_libs=$(loaded --epub "$A2B_TMP/a.epub" "$A2B_SRC/examples")
[ -s "$A2B_TMP/a.epub" ] || fail "the EPUB-only run wrote no EPUB"
grep -qE 'libzip' <<<"$epub_libs" || fail "LD_DEBUG shows no library at all; cannot judge"
if grep -E 'pango|cairo|fontconfig|freetype|harfbuzz' <<<"$epub_libs"; then
  fail "an EPUB-only run loaded the libraries above"
fi
pdf_libs=$(loaded --pdf "$A2B_TMP/a.pdf" "$A2B_SRC/examples")
grep -q 'pango' <<<"$pdf_libs" || fail "a PDF run did not load pango: is the module missing?"
echo "epub_only_libs: the EPUB-only run loaded $(wc -l <<<"$epub_libs") libraries, none of pango/cairo/fontconfig"
