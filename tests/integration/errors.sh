# Each error path ends with its documented exit status (0 ok, 1 articles
# skipped or --strict warnings, 2 usage, 3 I/O), a compiler-style message,
# and no output written by a run that fails.
. "$(dirname "$0")/lib.sh"

T=$A2B_TMP
out=$T/out # the only folder outputs go to; must hold nothing but what we expect
mkdir -p "$out" "$T/empty" "$T/bad" "$T/warn"

# expect STATUS CMD...: run the program, keep stdout/stderr in $T/stdout and
# $T/stderr, fail unless it exits with STATUS.
expect() {
  local want=$1 rc
  shift
  "$ART2BOOK" "$@" >"$T/stdout" 2>"$T/stderr"
  rc=$?
  if [ $rc -ne "$want" ]; then
    cat "$T/stderr" >&2
    fail "art2book $* exited $rc, expected $want"
  fi
}
stderr_has() {
  grep -Eq -- "$1" "$T/stderr" || { cat "$T/stderr" >&2; fail "stderr lacks '$1' ($2)"; }
}
only_in_out() {
  local got
  got=$(cd "$out" && ls -A | paste -sd ' ')
  [ "$got" = "$*" ] || fail "output folder holds '$got', expected '$*' (line $(caller | cut -d' ' -f1))"
}

article() { # article FILE TITLE BODY
  printf -- '---\ntitle: "%s"\ndate: 2024-05-01\n---\n\n%s\n' "$2" "$3" >"$1"
}

# Usage errors: exit 2, with a message.
expect 2
stderr_has 'error' "no arguments"
expect 2 --epub "$out/x.epub"
stderr_has 'error: .*input' "no input"
expect 2 --frobnicate --epub "$out/x.epub" "$A2B_SRC/examples"
stderr_has "error: .*--frobnicate" "unknown option"
expect 2 --sort sideways --epub "$out/x.epub" "$A2B_SRC/examples"
stderr_has "sideways" "bad --sort value"
only_in_out

# --help and --version succeed and print to standard output.
expect 0 --help
grep -q '^Usage: art2book' "$T/stdout" || fail "--help prints no usage"
expect 0 --version
grep -Eq '^art2book [0-9]+\.[0-9]+' "$T/stdout" || fail "--version prints no version"

# A folder without articles is an error; nothing is written.
echo "not an article" >"$T/empty/notes.txt"
"$ART2BOOK" --epub "$out/x.epub" "$T/empty" 2>"$T/stderr"
rc=$?
[ $rc -ne 0 ] || fail "a folder without articles succeeded"
stderr_has 'error: ' "no articles"
only_in_out

# A bad article is skipped with its position; the others are written; exit 1.
article "$T/bad/a.md" "第一篇" "第一篇的正文。"
article "$T/bad/b.md" "第二篇" "第二篇的正文。"
printf -- '---\ntitle: 标题: 冒号后面又有冒号\ndate: 2024-05-02\n---\n\n正文。\n' >"$T/bad/c.md"
expect 1 --epub "$out/bad.epub" "$T/bad"
stderr_has '(^|/)c\.md:2:[0-9]+: error: ' "the malformed front matter, at its line"
stderr_has '\b1 of 3 articles skipped' "the summary"
only_in_out bad.epub
check_epub "$out/bad.epub"
rm -f "$out/bad.epub"

# A missing image is a warning: exit 0 normally, 1 with --strict and nothing
# written; an existing output file survives the failed run byte for byte.
article "$T/warn/a.md" "缺图" '![示意图](missing.png)

这篇文章引用了一张不存在的图片。'
expect 0 --epub "$out/warn.epub" "$T/warn"
stderr_has "a\.md:[0-9]+:[0-9]+: warning: .*missing\.png" "the missing image"
only_in_out warn.epub
rm -f "$out/warn.epub"
expect 1 --strict --epub "$out/warn.epub" "$T/warn"
stderr_has "warning: .*missing\.png" "the missing image under --strict"
only_in_out

printf 'an older book, which must survive failed runs\n' >"$out/keep.epub"
cp "$out/keep.epub" "$T/keep.orig"
expect 1 --strict --epub "$out/keep.epub" "$T/warn"
cmp -s "$out/keep.epub" "$T/keep.orig" || fail "a failed --strict run changed the existing output"
"$ART2BOOK" --epub "$out/keep.epub" "$T/empty" 2>/dev/null && fail "empty folder succeeded"
cmp -s "$out/keep.epub" "$T/keep.orig" || fail "a run without articles changed the existing output"
only_in_out keep.epub

# The same for the PDF: a failed run (a bad --style, --strict) leaves the old file.
printf 'an older digest\n' >"$out/keep.pdf"
cp "$out/keep.pdf" "$T/keep-pdf.orig"
expect 1 --strict --pdf "$out/keep.pdf" "$T/warn"
cmp -s "$out/keep.pdf" "$T/keep-pdf.orig" || fail "a failed --strict run changed the existing PDF"
printf 'page:\n  paper: [\n' >"$T/bad-style.yaml"
expect 2 --style "$T/bad-style.yaml" --pdf "$out/keep.pdf" "$A2B_SRC/examples"
cmp -s "$out/keep.pdf" "$T/keep-pdf.orig" || fail "a run with a bad style changed the existing PDF"
stderr_has 'bad-style\.yaml:[0-9]+:[0-9]+: error' "the malformed style"
expect 3 --pdf "$T/no/such/folder/x.pdf" "$A2B_SRC/examples"
# A failure in the layout process (here: its --dump-layout file cannot be
# written) fails the run and leaves the old PDF.
expect 3 --dump-layout "$T/no/such/folder/layout.json" --pdf "$out/keep.pdf" "$A2B_SRC/examples"
stderr_has 'no/such/folder/layout\.json: error: cannot write' "the unwritable layout dump"
cmp -s "$out/keep.pdf" "$T/keep-pdf.orig" || fail "a failed layout process changed the existing PDF"
rm -f "$out/keep.pdf"
only_in_out keep.epub

# Writing into a folder that does not exist is an I/O error.
expect 3 --epub "$T/no/such/folder/x.epub" "$A2B_SRC/examples"
stderr_has 'no/such/folder' "the unwritable path"
[ ! -e "$T/no" ] || fail "the missing output folder was created"

echo "ok: error paths"
