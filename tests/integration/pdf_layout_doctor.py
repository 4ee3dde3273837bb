#!/usr/bin/env python3
"""Breaks one typesetting rule in a --dump-layout JSON file, to show that
pdf_layout_check.py catches it.

Usage: pdf_layout_doctor.py LAYOUT.json RULE OUT.json
RULE is one of
  no-header     the first table going on to a next page starts there without
                its header row (the rules and lines before its first body row)
  header-text   ... with two texts of its header row swapped
  widow         the last line of a paragraph of three or more lines moves
                alone to the next page
  orphan        all lines but the first of such a paragraph move to the next
                page
Prints what it changed; exits 1 when LAYOUT.json has nothing to change.
"""
import json
import sys


def text_lines(page):
    return [it for it in page["items"] if it["type"] == "line" and it["role"] != "footnote"]


def is_table(it):
    return it["type"] == "rule" or (it["type"] == "line" and it["role"] == "table")


def continued_table(pages):
    """(k, i, j): page k + 1 goes on with the table at the end of page k; its
    items[i:j] are the repeated header row (the rule above it, its lines, the
    rule below)."""
    for k in range(len(pages) - 1):
        before, after = text_lines(pages[k]), text_lines(pages[k + 1])
        if not before or not after or pages[k]["article"] != pages[k + 1]["article"]:
            continue
        last, first = max(before, key=lambda it: it["y"]), min(after, key=lambda it: it["y"])
        if last["role"] != "table" or first["role"] != "table":
            continue
        items = pages[k + 1]["items"]
        i = next(n for n, it in enumerate(items) if is_table(it))
        rules = [n for n in range(i, len(items)) if items[n]["type"] == "rule"]
        if items[i]["type"] == "rule" and len(rules) >= 2:
            return k, i, rules[1] + 1
    return None


def paragraph(pages):
    """(k, lines): a body paragraph of three or more lines, all on page k,
    with a page of the same article after it."""
    for k in range(len(pages) - 1):
        if pages[k]["article"] != pages[k + 1]["article"]:
            continue
        paras = {}
        for it in text_lines(pages[k]):
            if it["role"] == "body" and it["para"]:
                paras.setdefault(it["para"], []).append(it)
        for p in paras.values():
            if len(p) >= 3:
                return k, p
    return None


def main(path, rule, out):
    pages = json.load(open(path))
    if rule in ("no-header", "header-text"):
        found = continued_table(pages)
        if not found:
            sys.exit(f"{path}: no table goes on to a next page")
        k, i, j = found
        items = pages[k + 1]["items"]
        if rule == "no-header":
            del items[i:j]
            print(f"   doctored: page {pages[k + 1]['number']} without its table header row")
        else:
            head = [it for it in items[i:j] if it["type"] == "line"]
            pairs = [(a, b) for a in head for b in head if a["text"] != b["text"]]
            if not pairs:
                sys.exit(f"{path}: a header row without two different texts")
            a, b = pairs[0]
            a["text"], b["text"] = b["text"], a["text"]
            print(f"   doctored: page {pages[k + 1]['number']} with '{a['text']}' and "
                  f"'{b['text']}' swapped in its table header row")
    elif rule in ("widow", "orphan"):
        found = paragraph(pages)
        if not found:
            sys.exit(f"{path}: no paragraph of three lines before another page")
        k, lines = found
        moved = lines[-1:] if rule == "widow" else lines[1:]
        pages[k]["items"] = [it for it in pages[k]["items"] if all(it is not m for m in moved)]
        pages[k + 1]["items"][:0] = moved
        print(f"   doctored: {len(moved)} of {len(lines)} lines of a paragraph moved from page "
              f"{pages[k]['number']} to the next: {lines[0]['text'][:20]}")
    else:
        sys.exit(f"unknown rule '{rule}'")
    json.dump(pages, open(out, "w"), ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
