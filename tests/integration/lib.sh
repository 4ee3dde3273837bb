# Shared helpers for the integration tests; each test starts with
#   . "$(dirname "$0")/lib.sh"
#
# ctest sets ART2BOOK (the program), A2B_SRC (the source tree) and A2B_TMP
# (a scratch folder for this test). Run by hand, they default to
# build/art2book, the tree this file is in, and a fresh temporary folder.
# A test exits 0 on success, 1 on failure (fail) and 77 when skipped (skip).

# This folder's *.sh files are all picked up as tests; this one is not a test.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "skipped: lib.sh holds helpers for the other tests"
  exit 77
fi

set -u
set -o pipefail

A2B_SRC=${A2B_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
ART2BOOK=${ART2BOOK:-$A2B_SRC/build/art2book}
# A fresh scratch folder for this run, removed at exit: inside $A2B_TMP when
# given (ctest gives each test its own), else under the system's temp folder.
# Nothing outside the folder made here is ever deleted.
if [ -n "${A2B_TMP:-}" ]; then
  mkdir -p "$A2B_TMP" || exit 1
  A2B_TMP=$(mktemp -d "$A2B_TMP/run.XXXXXX") || exit 1
else
  A2B_TMP=$(mktemp -d) || exit 1
fi
trap "rm -rf '$A2B_TMP'" EXIT
# Fetched images are cached here, never in the user's cache folder.
export XDG_CACHE_HOME=$A2B_TMP/xdg-cache

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

skip() {
  echo "skipped: $*"
  exit 77
}

[ -x "$ART2BOOK" ] || fail "'$ART2BOOK' is not an executable program: build it first"

# need CMD: skip the test unless CMD is on PATH.
need() {
  command -v "$1" >/dev/null 2>&1 || skip "$1 not installed"
}

# corpus_dir: set CORPUS to the real-article corpus (../shared/corpus beside
# the source tree), or skip the test when it is absent. Call it directly, not
# in $(...), so that the skip ends the test.
corpus_dir() {
  CORPUS=$A2B_SRC/../shared/corpus
  [ -d "$CORPUS" ] || skip "corpus not found at $CORPUS"
  CORPUS=$(cd "$CORPUS" && pwd)
}

# run_epubcheck ARGS...: EPUBCheck, also where `epubcheck` is Debian's bare
# jar (run through binfmt_misc, which containers often lack).
run_epubcheck() {
  local bin
  bin=$(readlink -f "$(command -v epubcheck)")
  case "$bin" in
    *.jar) java -jar "$bin" "$@" ;;
    *) "$bin" "$@" ;;
  esac
}

# check_epub FILE: EPUBCheck must report no errors and no warnings.
check_epub() {
  local out
  need epubcheck
  case "$(readlink -f "$(command -v epubcheck)")" in *.jar) need java ;; esac
  [ -f "$1" ] || fail "check_epub: '$1' does not exist"
  out=$(LC_ALL=C run_epubcheck "$1" 2>&1)
  local rc=$?
  if [ $rc -ne 0 ] || ! grep -q '^No errors or warnings detected\.' <<<"$out"; then
    echo "$out" | grep -E '^(FATAL|ERROR|WARNING)|^Messages:|^Check finished' >&2 \
      || echo "$out" >&2
    fail "epubcheck found problems in $1 (exit $rc)"
  fi
}

# epub_unpack FILE DIR: extract the EPUB into DIR (created, emptied first).
epub_unpack() {
  need unzip
  rm -rf "$2" && mkdir -p "$2" || fail "cannot create $2"
  unzip -q -o "$1" -d "$2" || fail "cannot unzip $1"
}

# check_xhtml FILE: every .xhtml, .opf and .ncx file in the EPUB is
# well-formed XML.
check_xhtml() {
  local dir=$A2B_TMP/check_xhtml.$$ f n=0 bad=0
  need xmllint
  epub_unpack "$1" "$dir"
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    xmllint --noout --nonet "$f" || bad=$((bad + 1))
  done < <(find "$dir" -type f \( -name '*.xhtml' -o -name '*.opf' -o -name '*.ncx' \) -print0)
  rm -rf "$dir"
  [ $n -gt 0 ] || fail "no .xhtml/.opf/.ncx files in $1"
  [ $bad -eq 0 ] || fail "$bad of $n files in $1 are not well-formed"
}

# opf_file DIR: the package document of an unpacked EPUB (from
# META-INF/container.xml).
opf_file() {
  local rel
  rel=$(xmllint --nonet --xpath \
    'string(//*[local-name()="rootfile"][1]/@full-path)' "$1/META-INF/container.xml") \
    || fail "no rootfile in $1/META-INF/container.xml"
  echo "$1/$rel"
}

# spine_docs DIR: the spine's documents of an unpacked EPUB, one path a line,
# in reading order; the navigation document is marked with a leading "nav ".
spine_docs() {
  python3 - "$(opf_file "$1")" <<'EOF'
import os, sys
import xml.etree.ElementTree as ET
opf = sys.argv[1]
ns = {'o': 'http://www.idpf.org/2007/opf'}
root = ET.parse(opf).getroot()
items = {i.get('id'): i for i in root.iterfind('o:manifest/o:item', ns)}
base = os.path.dirname(opf)
for ref in root.iterfind('o:spine/o:itemref', ns):
    item = items[ref.get('idref')]
    path = os.path.normpath(os.path.join(base, item.get('href')))
    nav = 'nav' in (item.get('properties') or '').split()
    print(('nav ' if nav else '') + path)
EOF
}

# nav_doc DIR: the navigation document of an unpacked EPUB.
nav_doc() {
  python3 - "$(opf_file "$1")" <<'EOF'
import os, sys
import xml.etree.ElementTree as ET
opf = sys.argv[1]
ns = {'o': 'http://www.idpf.org/2007/opf'}
for i in ET.parse(opf).getroot().iterfind('o:manifest/o:item', ns):
    if 'nav' in (i.get('properties') or '').split():
        print(os.path.normpath(os.path.join(os.path.dirname(opf), i.get('href'))))
EOF
}

# doc_titles FILE...: for each XHTML file, "FILE<TAB>title<TAB>first h1",
# whitespace collapsed (empty fields when absent).
doc_titles() {
  python3 - "$@" <<'EOF'
import sys
import xml.etree.ElementTree as ET
H = '{http://www.w3.org/1999/xhtml}'
def text(e):
    return ' '.join(''.join(e.itertext()).split()) if e is not None else ''
for f in sys.argv[1:]:
    root = ET.parse(f).getroot()
    print(f, text(root.find(f'{H}head/{H}title')), text(root.find(f'.//{H}h1')), sep='\t')
EOF
}

# xhtml_text FILE...: the text of the bodies, one line per block element,
# whitespace inside a block collapsed to single spaces.
xhtml_text() {
  python3 - "$@" <<'EOF'
import sys
import xml.etree.ElementTree as ET
H = '{http://www.w3.org/1999/xhtml}'
BLOCKS = {H + t for t in ('p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'pre',
                          'blockquote', 'figcaption', 'dt', 'dd', 'div', 'section', 'aside')}
def walk(e, out):
    if e.tag in BLOCKS:
        out.append('')
    if e.text:
        out[-1] += e.text
    for c in e:
        walk(c, out)
        if c.tail:
            out[-1] += c.tail
    if e.tag in BLOCKS:
        out.append('')
for f in sys.argv[1:]:
    body = ET.parse(f).getroot().find(H + 'body')
    out = ['']
    if body is not None:
        walk(body, out)
    for line in out:
        line = ' '.join(line.split())
        if line:
            print(line)
EOF
}

# ---- PDF -----------------------------------------------------------------

# pdf_skip_unavailable RC STDERR_FILE: after a run of `$ART2BOOK --pdf` that
# exited RC, skip the test when the program says PDF output is not
# available (yet); any other failure is the test's to judge.
pdf_skip_unavailable() {
  if [ "$1" -ne 0 ] && grep -qiE 'pdf.* not available' "$2"; then
    skip "PDF output is not available: $(grep -m 1 -iE 'not available' "$2")"
  fi
}

# check_pdf FILE: qpdf --check passes without warnings, and pdffonts lists
# at least one font, every one embedded, subset and with a ToUnicode map.
check_pdf() {
  local out rc bad
  need qpdf
  need pdffonts
  [ -s "$1" ] || fail "check_pdf: '$1' does not exist or is empty"
  out=$(qpdf --check "$1" 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "$out" | head -n 20 >&2
    fail "qpdf --check found problems in $1 (exit $rc)"
  fi
  out=$(pdffonts "$1" 2>&1) || fail "pdffonts cannot read $1"
  # name type encoding emb sub uni object ID (the type may hold spaces)
  [ "$(echo "$out" | awk 'NR > 2 && NF >= 6' | wc -l)" -gt 0 ] || fail "no fonts in $1"
  bad=$(echo "$out" | awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes")')
  if [ -n "$bad" ]; then
    echo "$bad" >&2
    fail "fonts in $1 are not all embedded, subset and with ToUnicode"
  fi
}

# check_pdf_paper FILE WIDTH_MM HEIGHT_MM: every page has that size (0.1 pt).
check_pdf_paper() {
  need pdfinfo
  pdfinfo -f 1 -l 1000000 "$1" 2>/dev/null | awk -v w="$2" -v h="$3" '
    /^Page +[0-9]+ size:/ {
      n++
      dw = $4 - w * 72 / 25.4; dh = $6 - h * 72 / 25.4
      if (dw * dw > 0.01 || dh * dh > 0.01) { bad++; if (bad < 5) print "page " $2 ": " $4 "x" $6 " pt" }
    }
    END { exit !(n > 0 && bad == 0) }' >&2 || fail "$1: pages are not ${2}x${3}mm"
}

# check_pdf_text PDF DUMP: the text pdftotext gets from PDF holds, white
# space ignored, every article's title and the start of up to three
# paragraphs (first, middle, last) of each article in DUMP (`--dump` output
# of the same sources). Samples with characters fonts may lack (emoji,
# beyond the BMP) are not checked.
check_pdf_text() {
  need pdftotext
  need python3
  pdftotext -enc UTF-8 "$1" "$A2B_TMP/check_pdf_text.txt" || fail "pdftotext cannot read $1"
  python3 - "$A2B_TMP/check_pdf_text.txt" "$2" <<'PY' || fail "text missing from $1"
import json, re, sys
def squeeze(s):
    return ''.join(s.split())
def decode(q):
    try:
        return json.loads(re.sub(r'(?<!\\)\\x([0-9a-f]{2})', r'\\u00\1', q))
    except ValueError:
        return None
def checkable(s):
    return s and not any(ord(c) > 0xFFFF or 0x2600 <= ord(c) < 0x2800 or 0xFE00 <= ord(c) < 0xFE10
                         or ord(c) < 0x20 for c in s)
pdf = squeeze(open(sys.argv[1], encoding='utf-8').read())
lines = open(sys.argv[2], encoding='utf-8').read().split('\n')
articles = []
for i, line in enumerate(lines):
    if line.startswith('article '):
        articles.append({'name': line.split(' ', 2)[-1], 'title': None, 'paras': []})
    elif articles:
        art = articles[-1]
        m = re.match(r'  title: (".*")$', line)
        if m and art['title'] is None:
            art['title'] = decode(m.group(1))
        elif re.match(r'\s+paragraph\b', line) and i + 1 < len(lines):
            m = re.match(r'\s+text (".*") @\d+:\d+$', lines[i + 1])
            text = decode(m.group(1)) if m else None
            if text and len(squeeze(text)) >= 4:
                art['paras'].append(squeeze(text)[:12])
missing, checked = [], 0
for art in articles:
    paras = art['paras']
    picks = list(dict.fromkeys([paras[0], paras[len(paras) // 2], paras[-1]])) if paras else []
    for want in [squeeze(art['title'] or '')] + picks:
        if not checkable(want):
            continue
        checked += 1
        if want not in pdf:
            missing.append(f"{art['name']}: {want}")
for m in missing[:20]:
    print('missing from the PDF text:', m, file=sys.stderr)
print(f'   text: {checked - len(missing)} of {checked} samples found in {len(articles)} articles')
sys.exit(1 if missing or not articles else 0)
PY
}

# corpus_source NAME: what converting corpus source NAME needs (see each
# SOURCE.md): sets the array `opts` (options) and `want_rc` (its exit status:
# bedtimenews has one article with broken front matter). The corpus links
# hundreds of remote images; tests never fetch them (--offline).
corpus_source() {
  opts=(--offline) want_rc=0
  case $1 in
    openeuler-*) opts+=(--base-url https://openeuler.gitee.io/kernel-portal/) ;;
    dillonzq-LoveIt) opts+=(--lang zh-CN) ;;
    bedtimenews-*) want_rc=1 ;;
  esac
}
