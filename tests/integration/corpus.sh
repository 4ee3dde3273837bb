# Every source folder of the real-article corpus (../shared/corpus) becomes
# a valid EPUB. Each source's SOURCE.md says what it needs:
# - openeuler's images carry the site's base path (/kernel-portal/img/...);
# - LoveIt holds zh-cn and en translations of each page: pick Chinese;
# - bedtimenews' main/401-500/498.md has malformed YAML front matter: that
#   article is skipped with an error at its line, the rest is still written,
#   and the exit status is 1.
. "$(dirname "$0")/lib.sh"
need python3
need xmllint
corpus_dir

n=0
for src in "$CORPUS"/*/; do
  src=${src%/}
  name=$(basename "$src")
  corpus_source "$name"
  epub=$A2B_TMP/$name.epub err=$A2B_TMP/$name.stderr
  echo "== $name ${opts[*]}"
  "$ART2BOOK" "${opts[@]}" --epub "$epub" "$src" 2>"$err"
  rc=$?
  grep -cE ': warning: ' "$err" | sed 's/^/   warnings: /'
  if [ $rc -ne $want_rc ]; then
    head -n 20 "$err" >&2
    fail "$name: art2book exited $rc, expected $want_rc"
  fi
  if [ $want_rc -eq 1 ]; then
    grep -E '/main/401-500/498\.md:3:[0-9]+: error: ' "$err" >/dev/null \
      || { cat "$err" >&2; fail "$name: no error at 498.md line 3 (its front matter)"; }
    grep -E '\b1 of [0-9]+ articles skipped' "$err" >/dev/null \
      || fail "$name: no '1 of N articles skipped' summary"
    if [ "$(grep -cE '\.md:[0-9]+:[0-9]+: error: ' "$err")" -ne 1 ]; then
      grep ': error: ' "$err" >&2
      fail "$name: article errors other than 498.md's front matter"
    fi
  fi
  # Diagnostics name a file (and a position when there is one), compiler style.
  if grep -E ': (warning|error): ' "$err" | grep -vE '^[^ ]+(:[0-9]+:[0-9]+)?: (warning|error): ' >&2
  then
    fail "$name: diagnostics not in 'path:line:col: severity: message' form"
  fi
  [ -s "$epub" ] || fail "$name: no EPUB written"
  check_epub "$epub"
  check_xhtml "$epub"
  if [ $want_rc -eq 1 ]; then
    epub_unpack "$epub" "$A2B_TMP/unpacked"
    if grep -q '睡前消息498' "$(nav_doc "$A2B_TMP/unpacked")"; then
      fail "$name: the skipped article 498 is in the contents"
    fi
  fi
  n=$((n + 1))
done
[ $n -gt 0 ] || skip "no source folders in $CORPUS"
echo "ok: $n corpus sources"
