# The sample book in examples/ builds without a single warning into a valid
# EPUB that holds every article but the draft, with each Markdown feature the
# examples use turned into the expected XHTML.
. "$(dirname "$0")/lib.sh"
need python3
need xmllint

epub=$A2B_TMP/examples.epub
"$ART2BOOK" --strict --epub "$epub" "$A2B_SRC/examples" 2>"$A2B_TMP/stderr"
rc=$?
cat "$A2B_TMP/stderr" >&2
[ $rc -eq 0 ] || fail "art2book exited $rc on examples/"
check_epub "$epub"
check_xhtml "$epub"

dir=$A2B_TMP/unpacked
epub_unpack "$epub" "$dir"
opf=$(opf_file "$dir")

# Book metadata from examples/book.yaml (found beside the content folder).
for want in '<dc:title[^>]*>小舟札记<' '<dc:language[^>]*>zh-CN<' '<dc:creator[^>]*>林小舟<' \
  '<dc:publisher[^>]*>art2book 示例<' '<dc:rights[^>]*>示例文字'; do
  grep -q "$want" "$opf" || fail "OPF lacks $want"
done

# Each article is one spine document, found by its title; the draft is absent.
titles=(
  "周末读书笔记：慢慢读完一本小书"
  "城市骑行：沿着河边去上班"
  "家常菜做法：番茄炒蛋"
  "排版小记：使用Pango进行中文排版"
  "A Small Garden on the Balcony"
)
mapfile -t docs < <(spine_docs "$dir" | grep -v '^nav ')
doc_titles "${docs[@]}" >"$A2B_TMP/titles.tsv" || fail "a spine document is not XML"
declare -A doc
for t in "${titles[@]}"; do
  mapfile -t hits < <(awk -F'\t' -v t="$t" '$2 == t || $3 == t { print $1 }' "$A2B_TMP/titles.tsv")
  [ ${#hits[@]} -eq 1 ] || fail "article '$t' is in ${#hits[@]} spine documents, not 1"
  doc[$t]=${hits[0]}
done
n=$(awk -F'\t' 'NR == FNR { want[$0] = 1; next } ($2 in want) || ($3 in want)' \
  <(printf '%s\n' "${titles[@]}") "$A2B_TMP/titles.tsv" | wc -l)
[ "$n" -eq ${#titles[@]} ] || fail "$n article documents in the spine, expected ${#titles[@]}"
if grep -rq '旧胶片相机' "$dir"; then fail "the draft article is in the book"; fi

reading=${doc[${titles[0]}]} cycling=${doc[${titles[1]}]} cooking=${doc[${titles[2]}]}
typesetting=${doc[${titles[3]}]} garden=${doc[${titles[4]}]}

# has FILE ERE WHAT: FILE matches the extended regular expression ERE.
has() {
  grep -Eq -- "$2" "$1" || fail "$3 missing from $(basename "$1") (no match for $2)"
}
# count FILE XPATH: the number of nodes (local names, so no namespaces needed).
count() {
  xmllint --nonet --xpath "count($2)" "$1"
}

has "$reading" 'epub:type="noteref"' "footnote reference"
has "$reading" '凭记忆摘录' "footnote text"
has "$reading" '<blockquote' "block quote"
has "$reading" '<img [^>]*src="\.\./images/' "local image"
[ "$(grep -o '<img [^>]*src="\.\./images/[^"]*"' "$reading" | sort -u | wc -l)" -eq 2 ] \
  || fail "the reading notes should show two distinct images (Markdown image and figure)"
has "$reading" '<figcaption[^>]*>[^<]*整理之后的书架' "figure shortcode caption"
if grep -q '{{' "$reading"; then fail "shortcode syntax left in $(basename "$reading")"; fi
[ "$(count "$reading" '//*[local-name()="ul"]//*[local-name()="ul"]')" -ge 1 ] \
  || fail "nested bullet list missing from the reading notes"

has "$cycling" '<table' "table"
has "$cycling" '<t[hd][^>]*(right)[^>]*>' "right-aligned table cell"
has "$cycling" '<t[hd][^>]*(center)[^>]*>' "centred table cell"
has "$cycling" '<h2[^>]* id="route"' "heading with {#route}"
has "$cycling" '<em>故意放慢一点</em>' "emphasis"
has "$cycling" '<strong>睡得更好了</strong>' "strong emphasis"
has "$cycling" 'href="https://www\.openstreetmap\.org/"' "external link"
has "$cycling" 'type="checkbox"|☐|☑' "task list"
[ "$(count "$cycling" '//*[local-name()="ol"]//*[local-name()="ol"]')" -ge 1 ] \
  || fail "nested ordered list missing from the cycling article"

has "$cooking" '<table' "table in the TOML-front-matter article"
has "$typesetting" '<code class="language-c"' "fenced code block with language"
has "$typesetting" '<code>pango_layout_set_width\(\)</code>' "inline code"
has "$typesetting" '稳妥的做法' "alert text"
if grep -q '\[!NOTE\]' "$typesetting"; then fail "alert marker left as text"; fi
if grep -q '\$E=mc^2\$' "$typesetting"; then fail "inline math left as dollar text"; fi
has "$garden" 'xml:lang="en"' "the English article's language"

# Internal links point at the other articles' documents (with the fragment).
python3 - "$reading" "$cycling" "$typesetting" <<'EOF' || fail "internal links do not resolve"
import os, re, sys
reading, cycling, typesetting = sys.argv[1:]
def links(f):
    return [os.path.normpath(os.path.join(os.path.dirname(f), h))
            for h in re.findall(r'<a [^>]*href="([^":]+\.xhtml(?:#[^"]*)?)"', open(f).read())]
ok = True
for src, want in ((cycling, typesetting), (cycling, reading), (reading, cycling + '#route')):
    if want not in links(src):
        print(f'{os.path.basename(src)}: no link to {os.path.basename(want)}', file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
EOF

# The navigation document lists every article.
nav=$(nav_doc "$dir")
for t in "${titles[@]}"; do grep -qF "$t" "$nav" || fail "navigation lacks '$t'"; done
echo "ok: examples/ -> $(wc -c <"$epub") bytes, ${#titles[@]} articles"
