#!/usr/bin/env python3
"""Checks the typesetting rules on a --dump-layout JSON file.

Usage: pdf_layout_check.py LAYOUT.json
Prints what it checked; exits 1 with the first failures listed.
"""
import collections
import json
import re
import sys

HAN = re.compile(r"[\u4e00-\u9fff]")
KANA = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff]")


def table_pieces(page):
    """The tables on a page: runs of table lines and rules in paint order
    (destinations and shades may come in between), each a dict with its
    `items` and whether it holds the first (`at_start`) or the last
    (`at_end`) line of the page's text, footnotes apart."""
    text = [it for it in page["items"] if it["type"] == "line" and it["role"] != "footnote"]
    if not text:
        return []
    first, last = min(text, key=lambda it: it["y"]), max(text, key=lambda it: it["y"])
    pieces, run = [], []
    for it in page["items"] + [{"type": "end"}]:
        if it["type"] == "rule" or (it["type"] == "line" and it["role"] == "table"):
            run.append(it)
        elif it["type"] not in ("dest", "rect"):
            if any(x["type"] == "line" for x in run):
                pieces.append({"items": run, "at_start": any(x is first for x in run),
                               "at_end": any(x is last for x in run)})
            run = []
    return pieces


def header_of(piece, page):
    """The header row a table piece starts with: the lines between its first
    two rules, as (x from the text block's left, y from the first rule, text)
    sorted top to bottom, left to right; None when the piece does not start
    with a rule."""
    items = piece["items"]
    if items[0]["type"] != "rule":
        return None
    head = []
    for it in items[1:]:
        if it["type"] == "rule":
            break
        head.append((it["x"] - page["text_left"], it["y"] - items[0]["y"], it["text"]))
    return sorted(head, key=lambda h: (round(h[1]), round(h[0])))


def same_header(a, b):
    """Whether header rows A and B (header_of) hold the same texts in the same
    places, within 0.05 pt."""
    return (a is not None and b is not None and len(a) == len(b) and
            all(ta == tb and abs(xa - xb) <= 0.05 and abs(ya - yb) <= 0.05
                for (xa, ya, ta), (xb, yb, tb) in zip(a, b)))


def main(path):
    pages = json.load(open(path))
    failures = []
    lines = []  # (page index, item)
    dests = {}
    for k, page in enumerate(pages):
        for it in page["items"]:
            if it["type"] == "line":
                lines.append((k, it))
            elif it["type"] == "dest":
                dests[it["name"]] = page["number"]

    # 1. Justified lines end at the measure; justification is the rule.
    justified = [it for _, it in lines if it["justified"]]
    for it in justified:
        if abs(it["width"] - it["measure"]) > 0.1:
            failures.append(f"justified line {it['width']} wide for a {it['measure']} measure: {it['text'][:30]}")
    paras = collections.defaultdict(list)
    for k, it in lines:  # serials count per article
        if it["para"]:
            paras[(pages[k]["article"], it["para"])].append((k, it))
    body_inner = [it for p in paras.values() if p[0][1]["role"] == "body" for _, it in p[:-1]]
    share = sum(it["justified"] for it in body_inner) / max(1, len(body_inner))
    if body_inner and share < 0.9:
        failures.append(f"only {share:.0%} of the non-last body lines are justified")

    # 2. Chinese paragraphs at the margin: first line indented 2 em, Japanese
    #    ones 1 em (nested blocks such as list items are not indented or hang
    #    their marker).
    indented = 0
    for p in paras.values():
        (k0, first), = p[:1]
        if first["role"] != "body" or len(p) < 2 or not HAN.search(first["text"]):
            continue
        k1, second = p[1]
        if k1 != k0 or abs(second["x"] - pages[k0]["text_left"]) > 0.01:
            continue
        text = "".join(it["text"] for _, it in p)
        em = 1 if len(KANA.findall(text)) * 10 >= len(HAN.findall(text)) + len(KANA.findall(text)) else 2
        if abs(first["x"] - second["x"] - em * first["size"]) > 0.01:
            failures.append(f"first line indented {first['x'] - second['x']:.2f} pt, not {em} em: {first['text'][:20]}")
        indented += 1

    # 3. Constant baseline pitch: inside a paragraph every step is a whole
    #    number of its line pitch (blank lines in code take one), and body
    #    lines sit on one grid of half the body pitch.
    steps = collections.Counter()
    for p in paras.values():
        ys = [(k, it["y"]) for k, it in p]
        d = {round(b[1] - a[1], 3) for a, b in zip(ys, ys[1:]) if a[0] == b[0]}
        if d and any(abs(x / min(d) - round(x / min(d))) > 0.001 for x in d):
            failures.append(f"uneven line pitch {sorted(d)} in: {p[0][1]['text'][:20]}")
        if p[0][1]["role"] == "body":
            steps.update(d)
    pitch = steps.most_common(1)[0][0] if steps else 0
    sizes = collections.Counter(it["size"] for _, it in lines if it["role"] == "body")
    body_size = sizes.most_common(1)[0][0] if sizes else 0
    off_grid = 0
    if pitch:
        for k, it in lines:
            if it["role"] != "body" or not it["para"] or it["size"] != body_size:
                continue  # small text (code file names, notes) has its own pitch
            off = (it["y"] - pages[k]["text_top"] - 0.8 * pitch) / (pitch / 2)
            if abs(off - round(off)) > 0.01:
                off_grid += 1
                if off_grid == 1:
                    failures.append(f"body line off the {pitch} pt grid on page {pages[k]['number']}: {it['text'][:20]}")

    # 4. No heading ends a page (footnotes are below the text).
    for k, page in enumerate(pages):
        text = [it for it in page["items"] if it["type"] == "line" and it["role"] != "footnote"]
        if text and max(text, key=lambda it: it["y"])["role"] == "heading" and k + 1 < len(pages):
            failures.append(f"page {page['number']} ends with a heading")

    # 5. No single orphan or widow line: a paragraph split across pages keeps
    #    at least two lines on each (an orphan: its first line alone at the
    #    foot of a page; a widow: its last line alone at the top of one).
    split = 0
    for p in paras.values():
        parts = collections.Counter(k for k, _ in p)
        if p[0][1]["role"] == "footnote" or len(parts) < 2:
            continue  # long footnotes continue line by line on the next page
        split += 1
        for k, n in parts.items():
            if n < 2:
                what = ("orphan" if k == p[0][0] else "widow" if k == p[-1][0] else
                        "lone line")
                failures.append(f"{what}: one line of a split paragraph on page "
                                f"{pages[k]['number']}: {p[0][1]['text'][:20]}")

    # 6. Footnotes sit on the page of their reference.
    refs = 0
    for k, it in lines:
        for r in it.get("runs", []):
            dest = r.get("dest") or ""
            if dest.startswith("fn-") and it["role"] != "footnote":
                refs += 1
                if dests.get(dest) != pages[k]["number"]:
                    failures.append(f"footnote {dest} on page {dests.get(dest)}, its reference on page {pages[k]['number']}")

    # 7. Table header rows repeat: a table going on from one page to the next
    #    starts there with its header row again, the same texts in the same
    #    places as on the page where it starts. A page's text (footnotes
    #    apart) ending with a table line and the next page's starting with one
    #    is a table going on.
    continued, carried = 0, None  # the header of a table going on to page k
    for k in range(len(pages) - 1):
        before, after = table_pieces(pages[k]), table_pieces(pages[k + 1])
        goes_on = carried if len(before) == 1 and before[0]["at_start"] else None
        carried = None
        if (pages[k]["article"] != pages[k + 1]["article"] or
                not (before and after and before[-1]["at_end"] and after[0]["at_start"])):
            continue
        continued += 1
        want = goes_on or header_of(before[-1], pages[k])
        got = header_of(after[0], pages[k + 1])
        carried = want
        if want is None:
            failures.append(f"page {pages[k]['number']}: a table going on to the next page "
                            "does not start with a header row between rules")
        elif not same_header(got, want):
            failures.append(f"page {pages[k + 1]['number']}: a table from the page before goes "
                            f"on without its header row {[t for _, _, t in want]}, starting "
                            f"with {[it['text'] for it in after[0]['items'] if 'text' in it][:4]}")

    print(f"   layout: {len(pages)} pages, {len(lines)} lines, {len(justified)} justified, "
          f"{indented} CJK first lines checked, pitch {pitch} ({off_grid} body lines off the "
          f"grid), {split} split paragraphs, {refs} footnote references, {continued} tables "
          f"going on to the next page")
    for f in failures[:20]:
        print("   FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
