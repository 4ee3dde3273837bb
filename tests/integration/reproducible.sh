# Same sources, same SOURCE_DATE_EPOCH: byte-identical EPUBs, whatever the
# time zone and locale of the run.
. "$(dirname "$0")/lib.sh"
need cmp

# A second locale that differs from C: Chinese if installed, else C.UTF-8.
other=$(locale -a 2>/dev/null | grep -iE '^zh_CN\.utf-?8$' | head -n 1)
[ -n "$other" ] || other=$(locale -a 2>/dev/null | grep -iE '^(C\.utf-?8|en_US\.utf-?8)$' | head -n 1)
[ -n "$other" ] || skip "no UTF-8 locale installed besides C"

a=$A2B_TMP/a.epub b=$A2B_TMP/b.epub
SOURCE_DATE_EPOCH=1700000000 TZ=UTC LANG=C LC_ALL=C \
  "$ART2BOOK" --epub "$a" "$A2B_SRC/examples" || fail "first run failed"
SOURCE_DATE_EPOCH=1700000000 TZ=Asia/Shanghai LANG=$other LC_ALL=$other \
  "$ART2BOOK" --epub "$b" "$A2B_SRC/examples" || fail "second run ($other) failed"
cmp "$a" "$b" || fail "the two runs differ (TZ=UTC LANG=C vs TZ=Asia/Shanghai LANG=$other)"

# The modification date is SOURCE_DATE_EPOCH, not the clock.
need unzip
unzip -p "$a" '*.opf' | grep -q 'dcterms:modified">2023-11-14T22:13:20Z<' \
  || fail "dcterms:modified is not SOURCE_DATE_EPOCH (2023-11-14T22:13:20Z)"
echo "ok: reproducible ($(wc -c <"$a") bytes; C and $other)"
