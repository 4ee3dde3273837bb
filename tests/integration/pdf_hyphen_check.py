#!/usr/bin/env python3
"""Hyphenation in a narrow measure, on --dump-layout and pdftotext.

Usage: pdf_hyphen_check.py LAYOUT PDF_TEXT FIXTURE [--off]
LAYOUT is the --dump-layout of tests/fixtures/pdf/hyphenation.md set on a
narrow page, PDF_TEXT the `pdftotext -raw` text of the same PDF, FIXTURE
the Markdown source. Checks:
- at least 5 body lines end with a hyphen the text does not hold (the
  layout's "hyphen": their last glyph maps past the end of their text); each
  is justified and ends at the measure within 0.1 pt, and its last fragment
  and the next line's first one join into a word of the source, at least 2
  letters before the hyphen and 3 after;
- every justified line ends at the measure within 0.1 pt;
- no hyphen in the URL, the inline code, the acronym, the mixed-case
  identifier or the word with digits;
- each table cell holds one word: its lines joined at their hyphens give the
  cell's word (a word too wide for its column breaks at a hyphenation
  point with a hyphen, never cut anywhere);
- pdftotext gives the first paragraph back exactly (white space aside): the
  hyphens added at line ends map to no character.
With --off (a style turning hyphenation off): no line ends with a hyphen.
"""
import json
import re
import sys

NEVER = ("example.org", "representationalism_internationalization", "INTERNATIONALIZATION",
         "JavaScriptConfiguration", "representation2024")
CELLS = ["Configuration", "Representation", "Responsibilities", "extraordinarily",
         "internationalization", "considerably"]


def lines_of(path):
    out = []
    for page in json.load(open(path, encoding="utf-8")):
        out += [it for it in page["items"] if it["type"] == "line"]
    return out


def main(layout, pdf_text, fixture, off=False):
    lines = lines_of(layout)
    source = open(fixture, encoding="utf-8").read()
    words = set(re.findall(r"[A-Za-z]+", source))
    failures = []
    hyph = [i for i, ln in enumerate(lines) if ln.get("hyphen")]
    if off:
        if hyph:
            failures.append(f"{len(hyph)} lines end with a hyphen with hyphenation off, e.g. "
                            f"{lines[hyph[0]]['text']!r}")
    else:
        body = [i for i in hyph if lines[i]["role"] == "body"]
        if len(body) < 5:
            failures.append(f"only {len(body)} hyphenated body lines")
        for i in body:
            ln, nxt = lines[i], lines[i + 1]
            if ln["chars"][-1] != len(ln["text"]) or ln["advances"][-1] <= 0:
                failures.append(f"{ln['text']!r}: its last glyph is not an added hyphen")
            if not ln["justified"] or abs(ln["width"] - ln["measure"]) > 0.1:
                failures.append(f"{ln['text']!r}: hyphenated line not at the measure "
                                f"({ln['width']} of {ln['measure']})")
            a = re.search(r"[A-Za-z]+$", ln["text"])
            b = re.match(r"[A-Za-z]+", nxt["text"])
            if not a or not b or a.group() + b.group() not in words:
                failures.append(f"{ln['text']!r} + {nxt['text']!r}: not a word split in two")
            elif len(a.group()) < 2 or len(b.group()) < 3:
                failures.append(f"{a.group()}-{b.group()}: fewer than 2 + 3 letters")
        for i in hyph:
            ln, nxt = lines[i], lines[i + 1]
            last = ln["runs"][-1]
            if last.get("uri") or "Mono" in last.get("font", ""):
                failures.append(f"{ln['text']!r}: a URL or code hyphenated")
            for w in NEVER:
                if w in ln["text"] + nxt["text"] and w not in ln["text"] and w not in nxt["text"]:
                    failures.append(f"'{w}' hyphenated: {ln['text']!r}")
        got, word = [], None
        for ln in (ln for ln in lines if ln["role"] == "table"):
            word = (word or "") + ln["text"]
            if not ln.get("hyphen"):
                got.append(word)
                word = None
        if got != CELLS:
            failures.append(f"table cells set as {got}, want {CELLS}")
        first = re.search(r"\n\n(Typographers.*?)\n\n", source, re.S).group(1)
        text = re.sub(r"\s+", "", open(pdf_text, encoding="utf-8").read())
        if re.sub(r"\s+", "", first) not in text:
            failures.append("pdftotext does not give the first paragraph back as it is")
    for ln in lines:
        if ln["justified"] and abs(ln["width"] - ln["measure"]) > 0.1:
            failures.append(f"justified line {ln['width']} wide for {ln['measure']}: "
                            f"{ln['text'][:30]!r}")
    n_hyph = len(hyph)
    print(f"   hyphenation: {len(lines)} lines, {n_hyph} end with an added hyphen: "
          f"{'ok' if not failures else 'FAILED'}")
    for f in failures[:20]:
        print("   FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], "--off" in sys.argv[4:]))
