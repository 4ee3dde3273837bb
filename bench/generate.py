#!/usr/bin/env python3
"""Generate N Chinese articles for the benchmark, the same every time.

Usage: generate.py N OUTDIR [SEED]

Each article is a Hugo content file with front matter like the sample
article (corpus/seed/seed.md): quoted "YYYY-MM-DD HH:MM:SS" date, summary,
list-valued categories/tags/widgets. Bodies are 3-30 KB of Chinese prose made
from the word lists below, with headings, bold lead-ins, lists, links to the
web and to earlier articles, and a table in every fourth article. Files go to
OUTDIR/YYYY/MM/DD-NNNN.md, so byte order of paths is date order.
"""
import datetime
import os
import random
import sys

PLACES = ["城东", "老城区", "开发区", "河西", "北郊", "新区", "县城", "镇上", "社区", "街道"]
WHO = ["记者", "研究人员", "居民", "业内人士", "一位工程师", "一位退休教师", "不少年轻人",
       "店主", "多位受访者", "当地官员", "一位经济学家", "志愿者", "家长们", "出租车司机"]
NOUNS = ["图书馆", "地铁线路", "菜市场", "公园", "停车场", "新能源汽车", "快递网点", "养老服务",
         "学校食堂", "医疗资源", "租房市场", "夜间经济", "旧小区改造", "共享单车", "公共食堂",
         "数据中心", "光伏电站", "直播带货", "外卖平台", "人工智能模型", "芯片产业", "农产品",
         "旅游景点", "博物馆", "体育场馆", "职业培训", "家庭收入", "消费习惯", "交通拥堵", "空气质量"]
VERBS = ["推动了", "改变了", "带动了", "影响了", "提高了", "降低了", "重新定义了", "放大了",
         "缓解了", "加剧了", "暴露了", "促进了"]
ADJS = ["明显的", "长期的", "意想不到的", "细微的", "实实在在的", "新的", "不小的", "持续的"]
EFFECTS = ["变化", "压力", "机会", "争议", "需求", "成本", "效率", "期待", "问题", "差距"]
TIMES = ["去年", "今年上半年", "近几年", "过去一个月", "2023年", "2024年初", "春节前后",
         "上个季度", "十年前", "最近"]
CONNECT = ["但是", "不过", "因此", "同时", "此外", "另一方面", "换句话说", "事实上", "与此同时"]
DEGREE = ["明显", "略微", "大幅", "悄悄", "逐步", "迅速"]
CHANGE = ["上涨", "下降", "增长", "回落", "减少", "提高"]
ORGS = ["统计部门", "行业协会", "一家咨询公司", "市交通委", "研究机构", "某电商平台"]
LATIN = ["AI", "App", "GDP", "5G", "CPU", "GPU", "API", "CPI", "SUV", "VR"]
QUOTES = ["“慢慢来，比较快”", "“先把小事做好”", "“数字背后是一个个具体的人”",
          "“没有想象中那么难”", "“关键还是要有人愿意用”", "“这事急不得”"]
CATEGORIES = ["城市", "经济", "科技", "生活", "教育", "文化"]
TAGS = ["观察", "调查", "数据", "访谈", "评论", "民生", "产业", "交通", "消费", "环境"]


def sentence(r):
    k = r.randrange(7)
    if k == 0:
        return (f"{r.choice(TIMES)}，{r.choice(PLACES)}的{r.choice(NOUNS)}"
                f"{r.choice(VERBS)}{r.choice(NOUNS)}，带来了{r.choice(ADJS)}{r.choice(EFFECTS)}。")
    if k == 1:
        return (f"{r.choice(WHO)}认为，{r.choice(NOUNS)}的{r.choice(EFFECTS)}正在{r.choice(DEGREE)}"
                f"显现，{r.choice(CONNECT)}{r.choice(NOUNS)}也面临{r.choice(ADJS)}{r.choice(EFFECTS)}。")
    if k == 2:
        return (f"据{r.choice(ORGS)}统计，{r.choice(TIMES)}{r.choice(PLACES)}的{r.choice(NOUNS)}"
                f"数量{r.choice(CHANGE)}了{r.randint(2, 95)}%，达到{r.randint(3, 9999)}个。")
    if k == 3:
        return f"{r.choice(WHO)}告诉记者：{r.choice(QUOTES)}。"
    if k == 4:
        return (f"借助{r.choice(LATIN)}等新工具，{r.choice(NOUNS)}{r.choice(VERBS)}"
                f"{r.choice(NOUNS)}的运营方式，{r.choice(EFFECTS)}也随之而来。")
    if k == 5:
        return (f"{r.choice(CONNECT)}，{r.choice(WHO)}更关心的是{r.choice(NOUNS)}"
                f"能否带来{r.choice(ADJS)}{r.choice(EFFECTS)}。")
    return (f"从{r.randint(2010, 2024)}年到现在，{r.choice(NOUNS)}和{r.choice(NOUNS)}之间的"
            f"{r.choice(EFFECTS)}一直没有消失。")


def paragraph(r, links):
    parts = [sentence(r) for _ in range(r.randint(2, 7))]
    x = r.random()
    if x < 0.15:
        parts[0] = f"**{parts[0][:-1]}**。"
    elif x < 0.25:
        i = r.randrange(len(parts))
        parts[i] = parts[i][:-1] + f"，详见[相关报道](https://example.com/news/{r.randint(1000, 99999)})。"
    elif x < 0.32 and links:
        title, path = r.choice(links)
        parts.append(f"此前的情况可以参看[{title}]({path})。")
    return "".join(parts)


def table(r):
    rows = ["| 地区 | 项目 | 数量 | 变化 |", "|:-----|:----:|-----:|-----:|"]
    for _ in range(r.randint(3, 8)):
        rows.append(f"| {r.choice(PLACES)} | {r.choice(NOUNS)} | {r.randint(1, 5000)} | "
                    f"{r.choice('+-')}{r.randint(1, 40)}% |")
    return "\n".join(rows)


def bullet_list(r):
    ordered = r.random() < 0.4
    items = []
    for i in range(r.randint(3, 6)):
        mark = f"{i + 1}." if ordered else "-"
        items.append(f"{mark} {r.choice(NOUNS)}：{sentence(r)}")
    return "\n".join(items)


def article(r, index, date, links):
    target = r.randint(3_000, 30_000)
    title = f"{r.choice(PLACES)}{r.choice(NOUNS)}观察｜{r.choice(NOUNS)}{r.choice(VERBS)}什么"
    blocks = [paragraph(r, links)]
    summary = blocks[0].replace("**", "")[:60] + "..."
    if index % 4 == 0:
        blocks.append(table(r))
    size = len(blocks[0].encode())
    while size < target:
        k = r.random()
        if k < 0.12:
            block = f"## {r.choice(NOUNS)}的{r.choice(EFFECTS)}"
        elif k < 0.20:
            block = bullet_list(r)
        elif k < 0.23:
            block = f"> {sentence(r)}{sentence(r)}"
        else:
            block = paragraph(r, links)
        blocks.append(block)
        size += len(block.encode()) + 2
    front = "\n".join([
        "---",
        f'title: "{title}"',
        f'date: "{date:%Y-%m-%d %H:%M:%S}"',
        f'summary: "{summary}"',
        "categories:",
        f'  - "{r.choice(CATEGORIES)}"',
        "lang:",
        '  - "zh-CN"',
        "tags:",
        *[f'  - "{t}"' for t in r.sample(TAGS, r.randint(1, 3))],
        'menu: ""',
        'lead: ""',
        "comments: false",
        "pager: true",
        "toc: false",
        'sidebar: "right"',
        "widgets:",
        '  - "search"',
        '  - "recent"',
        "---",
    ])
    return title, front + "\n\n" + "\n\n".join(blocks) + "\n"


def main():
    if len(sys.argv) not in (3, 4) or not sys.argv[1].isdigit():
        sys.exit("usage: generate.py N OUTDIR [SEED]")
    n, outdir = int(sys.argv[1]), sys.argv[2]
    r = random.Random(int(sys.argv[3]) if len(sys.argv) == 4 else 20250208)
    date = datetime.datetime(2023, 1, 1, 8, 0, 0)
    width = max(4, len(str(n)))
    written = []  # (title, path relative to outdir) of earlier articles
    for i in range(n):
        date += datetime.timedelta(minutes=r.randint(60, 1000))
        rel = f"{date:%Y}/{date:%m}/{date:%d}-{i:0{width}d}.md"
        here = os.path.dirname(rel)
        links = [(t, os.path.relpath(p, here)) for t, p in written[-20:]]
        title, text = article(r, i, date, links)
        path = os.path.join(outdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written.append((title, rel))


if __name__ == "__main__":
    main()
