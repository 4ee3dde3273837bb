#!/bin/bash
# Hyphenation of English text in a narrow measure (pdf_hyphen_check.py):
# tests/fixtures/pdf/hyphenation.md on a 90 mm wide page. Hyphenated lines
# end with a hyphen at the measure, split real words (2 + 3 letters at
# least), never a URL, code, acronym, identifier or word with digits; words
# wider than a table column break at hyphenation points; pdftotext gets the
# text back without the added hyphens. With hyphenation turned off in the
# style no line ends with a hyphen, and a soft hyphen of the source shows a
# hyphen where a line breaks at it. A Chinese paragraph hyphenates only Latin
# words wider than its lines (table columns), with the English patterns.
. "$(dirname "$0")/lib.sh"
need python3
need pdftotext
check="$A2B_SRC/tests/integration/pdf_hyphen_check.py"
fixture="$A2B_SRC/tests/fixtures/pdf/hyphenation.md"

set_narrow() { # set_narrow NAME ARGS...: PDF, layout and text of the fixture
  local name=$1 rc
  shift
  "$ART2BOOK" --paper 90x160mm --pdf "$A2B_TMP/$name.pdf" --dump-layout "$A2B_TMP/$name.json" \
    "$@" 2>"$A2B_TMP/$name.stderr"
  rc=$?
  pdf_skip_unavailable $rc "$A2B_TMP/$name.stderr"
  [ $rc -eq 0 ] || { cat "$A2B_TMP/$name.stderr" >&2; fail "$name: art2book exited $rc"; }
  pdftotext -raw -enc UTF-8 "$A2B_TMP/$name.pdf" "$A2B_TMP/$name.txt" || fail "$name: pdftotext"
}

[ -r /usr/share/hyphen/hyph_en_US.dic ] || fail "no English hyphenation patterns (hyphen-en-us)"
set_narrow on "$fixture"
echo "== hyphenation on"
python3 "$check" "$A2B_TMP/on.json" "$A2B_TMP/on.txt" "$fixture" || fail "hyphenation: rules broken"

printf 'hyphenation:\n  enabled: false\n' >"$A2B_TMP/off.yaml"
set_narrow off --style "$A2B_TMP/off.yaml" "$fixture"
echo "== hyphenation off"
python3 "$check" "$A2B_TMP/off.json" "$A2B_TMP/off.txt" "$fixture" --off \
  || fail "hyphenation off: a line still ends with a hyphen"

# A word of soft-hyphenated syllables longer than the line breaks at a soft
# hyphen, shown as a hyphen (hyphenation off: the author's hyphens still count).
{
  printf -- '---\ntitle: Soft\nlang: en\n---\n\n'
  for i in $(seq 40); do printf 'syl\xc2\xad'; done
  printf 'end\n'
} >"$A2B_TMP/soft.md"
set_narrow soft --style "$A2B_TMP/off.yaml" "$A2B_TMP/soft.md"
python3 - "$A2B_TMP/soft.json" <<'PY' || fail "soft hyphens: no hyphen where a line breaks at one"
import json, sys
lines = [it for p in json.load(open(sys.argv[1])) for it in p["items"]
         if it["type"] == "line" and "syl" in it["text"]]
soft = [ln for ln in lines if ln.get("hyphen") and ln["text"].endswith("\u00ad")]
print(f"   soft hyphens: {len(lines)} lines, {len(soft)} end at a soft hyphen shown as a hyphen")
sys.exit(0 if len(lines) >= 3 and len(soft) == len(lines) - 1 else 1)
PY
# A Chinese paragraph hyphenates no Latin word that fits on a line; in its
# narrow table columns, words break at English hyphenation points.
{
  printf -- '---\ntitle: 中文\nlang: zh-CN\n---\n\n'
  for i in $(seq 6); do
    printf '这段中文里有英文单词 representation、internationalization 和 configuration，'
  done
  printf '\n\n| 配置项 | 说明 | 备注 | 其他 | 更多 |\n|---|---|---|---|---|\n'
  printf '| Internationalization | Representation | Configuration | Responsibilities '
  printf '| Compatibility |\n'
} >"$A2B_TMP/zh.md"
set_narrow zh "$A2B_TMP/zh.md"
python3 - "$A2B_TMP/zh.json" <<'PY' || fail "Chinese: Latin words hyphenated in text, not in tables"
import json, sys
lines = [it for p in json.load(open(sys.argv[1])) for it in p["items"] if it["type"] == "line"]
body = [ln for ln in lines if ln["role"] == "body" and "英文" in ln["text"]]
table = [ln for ln in lines
         if ln["role"] == "table" and not any("\u4e00" <= c for c in ln["text"])]
got, word = [], ""
for ln in table:
    word += ln["text"]
    if not ln.get("hyphen"):
        got.append(word)
        word = ""
want = ["Internationalization", "Representation", "Configuration", "Responsibilities",
        "Compatibility"]
hyph = sum(bool(ln.get("hyphen")) for ln in body)
print(f"   Chinese: {len(body)} text lines, {hyph} hyphenated; table cells {got}")
sys.exit(0 if len(body) >= 5 and hyph == 0 and got == want and len(table) > len(want) else 1)
PY
echo "ok: hyphenation"
