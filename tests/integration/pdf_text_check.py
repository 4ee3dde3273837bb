#!/usr/bin/env python3
"""Every character of every article comes back from the PDF, in order.

Usage: pdf_text_check.py PDF_TEXT DUMP
PDF_TEXT is `pdftotext -enc UTF-8` output, DUMP the `--dump` of the same
sources. Each article's text (its title, then every text, code and math
literal of its body in document order; footnote bodies and image alt text
apart, which the PDF places elsewhere or does not print) must be a
subsequence of the PDF's text, white space ignored, and articles must follow
each other. Characters no installed font has (emoji, variation selectors) are
left out of the comparison. Exits 1 listing where text went missing.
"""
import json
import re
import sys

LEAF = re.compile(r'^(\s*)(text|code|math_inline|math_block|code_block)\b.*? (".*") @\d+:\d+$')
NODE = re.compile(r'^(\s*)([a-z_]+)\b')
WINDOW = 400  # characters (running heads, footnotes, markers) between two of the text
LEAF_WINDOW = 6000  # how far ahead the start of the next text node may be


def decode(q):
    return json.loads(re.sub(r'(?<!\\)\\x([0-9a-f]{2})', r'\\u00\1', q))


def comparable(c):
    o = ord(c)
    return not (c.isspace() or o > 0xFFFF or 0x2600 <= o < 0x2800 or 0xFE00 <= o < 0xFE10
                or o < 0x20 or 0x200B <= o <= 0x200F or o == 0xFEFF or o == 0xAD)


def articles_of(dump):
    arts, skip_depth = [], None
    for line in dump.split("\n"):
        if line.startswith("article "):
            arts.append({"name": line.split(" ", 2)[-1], "chars": [], "title": [], "leaves": []})
            skip_depth = None
            continue
        if not arts:
            continue
        m = re.match(r'  title: (".*")$', line)
        if m and not arts[-1]["chars"]:
            arts[-1]["chars"] = [c for c in decode(m.group(1)) if comparable(c)]
            arts[-1]["title"] = list(arts[-1]["chars"])
            continue
        n = NODE.match(line)
        if not n:
            continue
        depth = len(n.group(1))
        if skip_depth is not None and depth > skip_depth:
            continue
        skip_depth = None
        if n.group(2) in ("footnote_def", "image"):
            skip_depth = depth
            continue
        leaf = LEAF.match(line)
        if leaf:
            chars = [c for c in decode(leaf.group(3)) if comparable(c)]
            if chars:
                arts[-1]["leaves"].append(len(arts[-1]["chars"]))
                arts[-1]["chars"] += chars
    return arts


def main(pdf_text, dump):
    pdf = [c for c in open(pdf_text, encoding="utf-8").read() if comparable(c)]
    arts = articles_of(open(dump, encoding="utf-8").read())
    joined = "".join(pdf)
    pos, total, failures = 0, 0, []
    for art in arts:
        # Each article begins at its title, after the previous article (not at
        # its entry in the contents, which dot leaders follow).
        title = "".join(art["title"])
        start = joined.find(title, pos)
        while start >= 0 and joined[start + len(title):start + len(title) + 2] == "..":
            start = joined.find(title, start + 1)
        if start >= 0:
            pos = start
        # A character is looked for a little ahead only (running heads,
        # footnotes, list markers and table rules come in between), so one
        # lost character cannot make the search skip the rest of the book.
        missing, examples = 0, []
        chars, leaves = art["chars"], set(art["leaves"])
        for i, c in enumerate(chars):
            total += 1
            if i in leaves:  # a text node starts: find where, a little ahead
                head = "".join(chars[i:i + 6])
                at = joined.find(head, pos, pos + LEAF_WINDOW)
                if at >= 0:
                    pos = at
            at = joined.find(c, pos, pos + WINDOW)
            if at < 0:
                # Lost: find where the text goes on, a little further ahead.
                ahead = joined.find("".join(chars[i + 1:i + 7]), pos, pos + LEAF_WINDOW)
                if ahead >= 0 and i + 7 <= len(chars):
                    pos = ahead
                missing += 1
                if len(examples) < 3:
                    examples.append("".join(chars[max(0, i - 8):i]) + "[" + c + "]" +
                                    "".join(chars[i + 1:i + 8]))
            else:
                pos = at + 1
        if missing:
            failures.append(f"{art['name']}: {missing} of {len(chars)} characters not found in "
                            f"order, e.g. {' | '.join(examples)}")
    print(f"   text: {total} characters of {len(arts)} articles, in order: "
          f"{'all found' if not failures else 'MISSING'}")
    for f in failures[:20]:
        print("   FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
