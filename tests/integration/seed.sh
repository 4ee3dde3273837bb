# The sample article the project was conceived from (corpus/seed/seed.md):
# a valid EPUB with the front matter's title and date, every paragraph of
# prose present, and its remote image not referenced from the book.
. "$(dirname "$0")/lib.sh"
need python3
need xmllint
corpus_dir
seed=$CORPUS/seed/seed.md
[ -f "$seed" ] || skip "$seed not found"

epub=$A2B_TMP/seed.epub
# A fixed modification date, so that 2025-02-08 in the OPF comes from the article.
SOURCE_DATE_EPOCH=1700000000 "$ART2BOOK" --epub "$epub" "$seed"
rc=$?
[ $rc -eq 0 ] || fail "art2book exited $rc on seed.md"
check_epub "$epub"
check_xhtml "$epub"

dir=$A2B_TMP/unpacked
epub_unpack "$epub" "$dir"
opf=$(opf_file "$dir")
grep -q '2025-02-08' "$opf" || fail "the date 2025-02-08 is not in the OPF"

title=$(sed -n 's/^title: "\(.*\)"$/\1/p' "$seed" | head -n 1)
[ -n "$title" ] || fail "cannot read the title from $seed"
mapfile -t docs < <(spine_docs "$dir" | grep -v '^nav ')
[ ${#docs[@]} -ge 1 ] || fail "no documents in the spine"
doc_titles "${docs[@]}" | awk -F'\t' -v t="$title" '$2 == t || $3 == t { found = 1 } END { exit !found }' \
  || fail "no spine document has the title '$title'"
grep -qF "$title" "$(nav_doc "$dir")" || fail "the navigation lacks '$title'"

# Every line of plain prose in the source comes back verbatim (Markdown
# emphasis and link syntax removed, whitespace collapsed).
xhtml_text "${docs[@]}" >"$A2B_TMP/text.txt" || fail "cannot extract the text"
python3 - "$seed" "$A2B_TMP/text.txt" <<'EOF' || fail "prose from seed.md is missing from the EPUB"
import re, sys
src = open(sys.argv[1], encoding='utf-8').read()
body = src.split('\n---\n', 1)[1] if src.startswith('---\n') else src
text = open(sys.argv[2], encoding='utf-8').read()
lines, missing = 0, []
for line in body.split('\n'):
    line = line.strip()
    if not line or line.startswith('![') or re.fullmatch(r'\[[^\]]*\]\([^)]*\)', line):
        continue
    plain = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', line)
    plain = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', plain)
    plain = re.sub(r'\*\*|__', '', plain)
    plain = re.sub(r'\\(.)', r'\1', plain)
    plain = ' '.join(plain.split())
    lines += 1
    if plain not in text:
        missing.append(plain)
for m in missing[:5]:
    print('missing:', m[:80], file=sys.stderr)
print(f'{lines - len(missing)} of {lines} prose lines found', file=sys.stderr)
sys.exit(1 if missing or lines == 0 else 0)
EOF

# The remote image is dropped or kept as a link, never loaded from the web.
if grep -rEn '(src|xlink:href|poster)="https?:' "$dir" --include='*.xhtml' --include='*.svg' >&2; then
  fail "remote resources are referenced from the book"
fi
if grep -Eq '<item [^>]*href="https?:' "$opf"; then fail "remote resources in the manifest"; fi
echo "ok: seed.md"
