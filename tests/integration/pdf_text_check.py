#!/usr/bin/env python3
"""Every character of every article comes back from the PDF, in order.

Usage: pdf_text_check.py PDF_TEXT DUMP
PDF_TEXT is `pdftotext -raw -enc UTF-8` output (content-stream order, one
form feed after each page; -raw keeps table cells in the order they are
painted and the hyphens of words broken at a hyphen), DUMP the `--dump` of
the same sources.

An article's text is its title, then every text, code and math literal of
its body in document order (footnote bodies and image alt text apart: the
PDF puts them at the foot of the page or in a frame). An article starts on
the first page, after the previous article's, whose text begins with its
title (not followed by the contents' dot leaders) and runs to the next
article's first page. Its text must be a subsequence of those pages' text,
white space ignored: running heads, folios, list markers and repeated table
headers may come in between, but no character may be lost or come out of
order. Characters that no installed font has (fc-list; fonts the program
adds from fonts/ or --font-dir are not counted) and default-ignorable ones
are not drawn and are left out. Exits 1 naming each article whose text is
not all there, with the characters lost and their context.
"""
import difflib
import json
import re
import subprocess
import sys

LEAF = re.compile(r'^(\s*)(text|code|math_inline|math_block|code_block)\b.*? (".*") @\d+:\d+$')
NODE = re.compile(r'^(\s*)([a-z_]+)\b')
IGNORABLE = ((0x00, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x200B, 0x200F), (0x202A, 0x202E),
             (0x2060, 0x206F), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xE0000, 0xE0FFF))


def font_coverage():
    """The code points some installed font has, as sorted (first, last) ranges."""
    out = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True,
                         text=True, check=True).stdout
    ranges = []
    for r in out.split():
        first, _, last = r.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    ranges.sort()
    merged = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


class Comparable:
    """Which characters the comparison keeps: drawable and not white space."""

    def __init__(self):
        self.ranges = font_coverage()
        self.memo = {}

    def __call__(self, c):
        ok = self.memo.get(c)
        if ok is None:
            o = ord(c)
            ok = (not c.isspace() and not any(a <= o <= b for a, b in IGNORABLE)
                  and any(a <= o <= b for a, b in self.ranges))
            self.memo[c] = ok
        return ok


def decode(q):
    return json.loads(re.sub(r'(?<!\\)\\x([0-9a-f]{2})', r'\\u00\1', q))


def articles_of(dump, keep):
    arts, skip_depth = [], None
    for line in dump.split("\n"):
        if line.startswith("article "):
            arts.append({"name": line.split(" ", 2)[-1], "title": None, "body": []})
            skip_depth = None
            continue
        if not arts:
            continue
        m = re.match(r'  title: (".*")$', line)
        if m and arts[-1]["title"] is None:
            arts[-1]["title"] = "".join(c for c in decode(m.group(1)) if keep(c))
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
            arts[-1]["body"].append("".join(c for c in decode(leaf.group(3)) if keep(c)))
    for art in arts:
        art["text"] = (art["title"] or "") + "".join(art["body"])
    return arts


def is_subsequence(want, text):
    at = 0
    for c in want:
        at = text.find(c, at) + 1
        if at == 0:
            return False
    return True


def lost(want, text, chunk=1000):
    """Where WANT departs from TEXT: the number of characters of WANT outside
    an in-order match (difflib, a chunk of WANT at a time against the text
    ahead of the previous chunk's match, so that it stays fast) and up to
    three 'before[lost]after' samples."""
    missing, samples, at = 0, [], 0
    for s in range(0, len(want), chunk):
        part = want[s:s + chunk]
        sm = difflib.SequenceMatcher(None, part, text[at:at + 4 * chunk], autojunk=False)
        i, end = 0, 0
        for a, b, size in sm.get_matching_blocks():
            if a > i:
                missing += a - i
                if len(samples) < 3:
                    samples.append(f"{want[max(0, s + i - 10):s + i]}"
                                   f"[{want[s + i:s + min(a, i + 30)]}]{want[s + a:s + a + 10]}")
            i = a + size
            if size:
                end = b + size
        at += end
    return missing, samples


def main(pdf_text, dump):
    keep = Comparable()
    pages = ["".join(c for c in p if keep(c))
             for p in open(pdf_text, encoding="utf-8").read().split("\f")]
    arts = articles_of(open(dump, encoding="utf-8").read(), keep)
    failures, k, starts = [], 0, []
    for art in arts:
        t = art["title"] or ""
        while k < len(pages) and not (pages[k].startswith(t) and
                                      pages[k][len(t):len(t) + 2] != ".."):
            k += 1
        if k == len(pages):
            failures.append(f"{art['name']}: no page after the previous article's begins with its "
                            f"title {t!r}")
            break
        starts.append(k)
        k += 1
    total = 0
    for i, start in enumerate(starts):
        art = arts[i]
        end = starts[i + 1] if i + 1 < len(starts) else len(pages)
        text = "".join(pages[start:end])
        total += len(art["text"])
        if not is_subsequence(art["text"], text):
            missing, samples = lost(art["text"], text)
            failures.append(f"{art['name']} (pages {start + 1}-{end}): {missing} of "
                            f"{len(art['text'])} characters lost or out of order, e.g. "
                            + " | ".join(samples))
    print(f"   text: {total} characters of {len(starts)} of {len(arts)} articles: "
          f"{'all there, in order' if not failures else 'NOT ALL THERE'}")
    for f in failures[:20]:
        print("   FAIL:", f, file=sys.stderr)
    return 1 if failures or not arts else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
