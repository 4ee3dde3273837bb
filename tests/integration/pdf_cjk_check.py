#!/usr/bin/env python3
"""Checks the CJK line rules (clreq/jlreq) on a PDF's layout, two ways.

Usage: pdf_cjk_check.py layout LAYOUT.json
       pdf_cjk_check.py bbox BBOX.html
The first reads --dump-layout; the second what `pdftotext -bbox-layout`
sees in the PDF itself: words grouped by baseline into lines, the em of a
line from its words of ideographs (pdftotext boxes each glyph by its font
advance, so a mark that gave up half its em at a line end sticks out half
an em, and Latin kerning is lost: the margin is checked on lines ending in
CJK). Prints what it checked; exits 1 with the failures listed.
"""
import collections
import json
import re
import sys

NO_START = set("，。、；：？！）」』》】〉”’…·～")
NO_END = set("（「『《【〈“‘")
IDEO = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z0-9]")


def is_ideo(c):
    return bool(IDEO.match(c)) and c not in "・ー"


def near(a, b, tol):
    return abs(a - b) <= tol


class Report:
    def __init__(self):
        self.failures, self.counts = [], collections.Counter()

    def check(self, what, ok, detail):
        self.counts[what] += 1
        if not ok:
            self.failures.append(f"{what}: {detail}")

    def finish(self, required):
        for what in required:
            if not self.counts[what]:
                self.failures.append(f"{what}: no case found")
        print("   " + ", ".join(f"{n} {w}" for w, n in sorted(self.counts.items())))
        for f in self.failures[:30]:
            print("   FAIL:", f, file=sys.stderr)
        return 1 if self.failures else 0


def layout(path):
    pages = json.load(open(path))
    rep = Report()
    lines = [(p, it) for p in pages for it in p["items"] if it["type"] == "line"]
    paras = collections.defaultdict(list)
    for p, it in lines:
        if it["para"]:
            paras[(p["article"], it["para"])].append(it)
    # letter advances inside Latin words, natural advances of characters
    inside = collections.defaultdict(set)
    natural = collections.defaultdict(collections.Counter)
    glyphs = {}
    latin_inside = collections.defaultdict(collections.Counter)
    for _, it in lines:
        runs, text = it["runs"], it["text"]
        run_of, k = [], 0
        for r in runs:
            run_of += [r] * len(r["text"])
        g = []
        for adv, ch in zip(it["advances"], it["chars"]):
            r = run_of[ch] if ch < len(run_of) else runs[-1]
            g.append((text[ch], adv, ch, r))
            natural[(text[ch], r.get("font"), r.get("size"))][round(adv, 3)] += 1
        glyphs[id(it)] = g
        for (c, adv, ch, r), nxt in zip(g, g[1:]):
            if LATIN.match(c) and LATIN.match(nxt[0]) and nxt[3] is r:
                latin_inside[(c, r.get("font"), r.get("size"))][round(adv, 3)] += 1
            if c.isascii() and c.isalpha() and nxt[0].isascii() and nxt[0].isalpha() \
                    and nxt[2] == ch + 1:
                inside[(c, nxt[0], r.get("font"), r.get("size"))].add(round(adv, 3))

    def nat(c, r):  # natural advance: ideographs their em, Latin as inside words
        if is_ideo(c):
            return natural[(c, r.get("font"), r.get("size"))].most_common(1)[0][0]
        seen = latin_inside[(c, r.get("font"), r.get("size"))]
        return seen.most_common(1)[0][0] if seen else None

    for key, advs in inside.items():
        rep.check("letter pairs", max(advs) - min(advs) < 0.002,
                  f"'{key[0]}{key[1]}' set {sorted(advs)} wide: space inside a word")

    for group in paras.values():
        for k, it in enumerate(group):
            text = it["text"]
            if it["role"] == "code":
                if k and text.startswith("↪"):
                    rep.check("line starts", text[1:2] not in NO_START, text)
                continue
            if k:
                rep.check("line starts", text[:1] not in NO_START, text)
            if k + 1 < len(group):
                rep.check("line ends", text[-1:] not in NO_END, text)
    for _, it in lines:
        em = it["size"]
        g = glyphs[id(it)]
        if it["justified"]:
            rep.check("justified lines", near(it["width"], it["measure"], 0.05),
                      f"{it['width']} for {it['measure']}: {it['text']}")
        if g and g[-1][0] in "，、。" and it["role"] != "code":
            rep.check("line-final marks", near(g[-1][1], em / 2, 0.01 * em),
                      f"'{g[-1][0]}' {g[-1][1]} pt wide at the end of: {it['text']}")
        if it["justified"]:
            continue
        for i, (c, adv, ch, r) in enumerate(g[:-2]):
            if c == "。" and g[i + 1][0] in "」”』":
                rep.check("mark pairs", near(adv + g[i + 1][1], 1.5 * em, 0.01 * em),
                          f"'。{g[i + 1][0]}' {adv + g[i + 1][1]} pt in: {it['text']}")
        # CJK-Latin gaps: [ideograph|Latin] spaces* [Latin|ideograph]
        for i, (c, adv, ch, r) in enumerate(g):
            j, spaces = i + 1, 0.0
            while j < len(g) and g[j][0] == " ":
                spaces += g[j][1]
                j += 1
            if j >= len(g) or "Mono" in (r.get("font") or "") or "Mono" in (g[j][3].get("font") or ""):
                continue
            d = g[j][0]
            if not ((is_ideo(c) and LATIN.match(d)) or (LATIN.match(c) and is_ideo(d))):
                continue
            if r.get("uri") or g[j][3].get("uri") or nat(c, r) is None:
                continue  # (a Latin character seen nowhere else: its width is unknown)
            gap = adv - nat(c, r) + spaces
            rep.check("CJK-Latin gaps", near(gap, em / 4, 0.01 * em),
                      f"{gap:.3f} pt between '{c}' and '{d}' in: {it['text']}")
    # the same text with and without spaces sets alike
    by_text = collections.defaultdict(set)
    for _, it in lines:
        if not it["justified"] and re.search(r"[A-Za-z]", it["text"]) and IDEO.search(it["text"]):
            by_text[it["text"].replace(" ", "")].add((it["text"], round(it["width"], 2)))
    for variants in by_text.values():
        if len({t for t, _ in variants}) > 1:
            rep.check("spaced variants", len({w for _, w in variants}) == 1, sorted(variants))
    return rep.finish(["line starts", "line ends", "justified lines", "letter pairs",
                       "line-final marks", "mark pairs", "CJK-Latin gaps", "spaced variants"])


CLOSING = set("，、。」』）》】〉”")


def line_em(row):
    for w in row:
        if w[4] and all(is_ideo(c) for c in w[4]):
            return (w[2] - w[0]) / len(w[4])
    return None


def bbox(path):
    rep = Report()
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    pages = re.split(r"<page ", open(path, encoding="utf-8").read())[1:]
    for number, page in enumerate(pages, 1):
        words = [(float(a), float(b), float(c), float(d), html_unescape(t))
                 for a, b, c, d, t in word.findall(page)]
        rows = []  # one printed line: words whose baselines (yMax) are within 3 pt
        for w in sorted(words, key=lambda w: w[3]):
            if rows and abs(rows[-1][-1][3] - w[3]) < 3:
                rows[-1].append(w)
            else:
                rows.append([w])
        rows = [sorted(r) for r in rows]
        ends = collections.Counter(round(r[-1][2], 1) for r in rows if is_ideo(r[-1][4][-1]))
        right = ends.most_common(1)[0][0] if ends else 0
        for r in rows:
            text = "".join(w[4] for w in r)
            if text.startswith("↪"):
                text = text[1:]
            rep.check("line starts", text[:1] not in NO_START, f"page {number}: {text}")
            rep.check("line ends", text[-1:] not in NO_END, f"page {number}: {text}")
            em = line_em(r)
            if not em:
                continue
            x1, last = r[-1][2], text[-1]
            if last in CLOSING:
                x1 -= em / 2
            if right - em / 2 < x1 < right + em:  # a justified line: gaps may stretch
                if is_ideo(last) or last in CLOSING:
                    rep.check("lines at the margin", near(x1, right, 0.05),
                              f"page {number}: ends at {x1}, margin {right}: {text}")
                continue
            for a, b in zip(r, r[1:]):
                c, d = a[4][-1], b[4][0]
                if (is_ideo(c) and LATIN.match(d)) or (LATIN.match(c) and is_ideo(d)):
                    rep.check("CJK-Latin gaps", near(b[0] - a[2], em / 4, 0.01 * em),
                              f"page {number}: {b[0] - a[2]:.3f} pt between '{c}' and '{d}': {text}")
    return rep.finish(["line starts", "line ends", "lines at the margin", "CJK-Latin gaps"])


def html_unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "layout":
        sys.exit(layout(sys.argv[2]))
    if len(sys.argv) == 3 and sys.argv[1] == "bbox":
        sys.exit(bbox(sys.argv[2]))
    sys.exit(__doc__)
