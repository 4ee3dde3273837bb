/* Model -> XHTML content documents: planning the files of each article and
 * writing them, with one switch over node types (render_node). */
#include "xhtml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "node.h"

/* ---- text, URLs, ids ----------------------------------------------------- */

/* Decode one UTF-8 sequence at s (n bytes left) into *cp; returns its length,
 * or 0 if the bytes are not valid UTF-8. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  size_t len;
  uint32_t c, min;
  if ((s[0] & 0xE0) == 0xC0)
    len = 2, c = s[0] & 0x1F, min = 0x80;
  else if ((s[0] & 0xF0) == 0xE0)
    len = 3, c = s[0] & 0x0F, min = 0x800;
  else if ((s[0] & 0xF8) == 0xF0)
    len = 4, c = s[0] & 0x07, min = 0x10000;
  else
    return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}

/* A three-byte UTF-8 sequence at s (NUL-terminated) for U+1000..U+FFFD but
 * surrogates, which need no escape and are allowed: most CJK text. */
static bool plain_3byte(const unsigned char *s) {
  unsigned char c = s[0];
  if (c < 0xE1 || c > 0xEF || c == 0xED) return false;
  if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return false; /* stops at NUL */
  return c != 0xEF || s[1] != 0xBF || s[2] < 0xBE;
}

void a2b_xhtml_put_text(a2b_buf *out, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s), start = 0, i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if ((c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"') || c == '\n' ||
        c == '\t' || c == '\r') {
      i++;
      continue;
    }
    if (plain_3byte(p + i)) {
      i += 3;
      continue;
    }
    uint32_t cp;
    size_t len = utf8_decode(p + i, n - i, &cp);
    const char *rep = NULL;
    if (!len) {
      rep = "\xEF\xBF\xBD";
      len = 1;
    } else if (cp == '&') {
      rep = "&amp;";
    } else if (cp == '<') {
      rep = "&lt;";
    } else if (cp == '>') {
      rep = "&gt;";
    } else if (cp == '"') {
      rep = "&quot;";
    } else if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
               (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) {
      rep = "";
    }
    if (rep) {
      a2b_buf_append(out, s + start, i - start);
      a2b_buf_puts(out, rep);
      start = i + len;
    }
    i += len;
  }
  a2b_buf_append(out, s + start, n - start);
}

static bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void a2b_xhtml_put_url(a2b_buf *out, const char *url) {
  static const char hex[] = "0123456789ABCDEF";
  bool seen_hash = false;
  const char *run = url; /* start of the bytes kept as they are */
  for (const char *q = url; *q; q++) {
    unsigned char c = (unsigned char)*q;
    char esc[4] = {'%', hex[c >> 4], hex[c & 15], '\0'};
    const char *rep;
    if (c == '%' && is_hex(q[1]) && is_hex(q[2])) {
      continue;
    } else if (c == '%' || c <= 0x20 || c >= 0x7F || strchr("<>\"\\^`{|}", c) ||
               (c == '#' && seen_hash)) {
      rep = esc;
    } else if (c == '&') {
      rep = "&amp;";
    } else {
      seen_hash |= c == '#';
      continue;
    }
    a2b_buf_append(out, run, (size_t)(q - run));
    a2b_buf_puts(out, rep);
    run = q + 1;
  }
  a2b_buf_puts(out, run);
}

bool a2b_xhtml_lang_ok(const char *tag) {
  if (!tag || !((*tag >= 'a' && *tag <= 'z') || (*tag >= 'A' && *tag <= 'Z'))) return false;
  for (const char *p = tag; *p; p++) {
    char c = *p;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              (c == '-' && p[1] && p[1] != '-');
    if (!ok) return false;
  }
  return true;
}

bool a2b_xhtml_core_image(const char *t) {
  return t && (!strcmp(t, "image/png") || !strcmp(t, "image/jpeg") || !strcmp(t, "image/gif") ||
               !strcmp(t, "image/svg+xml"));
}

/* XML 1.0 (fifth edition) name characters, without ':' (NCName). */
static bool name_start(uint32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || c == 0x200C || c == 0x200D ||
         (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
         (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

static bool name_char(uint32_t c) {
  return name_start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0x300 && c <= 0x36F) || c == 0x203F || c == 0x2040;
}

/* Append a model id as an XML name: unchanged when it is one; otherwise
 * "id-" in front of a bad first character and each bad character (or byte)
 * as "_HEX_". The same id always gives the same name. */
static void put_id(a2b_buf *out, const char *id) {
  const unsigned char *p = (const unsigned char *)id;
  size_t n = strlen(id);
  for (size_t i = 0; i < n;) {
    uint32_t cp = 0;
    size_t len = utf8_decode(p + i, n - i, &cp);
    if (i == 0 && (!len || !name_start(cp))) a2b_buf_puts(out, "id-");
    if (!len) {
      a2b_buf_printf(out, "_%02X_", p[i]);
      i++;
      continue;
    }
    if (name_char(cp) && cp != 0xFFFD)
      a2b_buf_append(out, p + i, len);
    else
      a2b_buf_printf(out, "_%X_", (unsigned)cp);
    i += len;
  }
  if (!n) a2b_buf_puts(out, "id-");
}

/* ---- planning -------------------------------------------------------------- */

struct a2b_xhtml_id {
  const char *id;
  size_t part;
};

/* Roughly how many bytes of XHTML a subtree becomes. Footnote references
 * count their definition, which is written into the same file. */
static size_t estimate(const a2b_node *n, bool in_note) {
  size_t s = 24;
  switch (n->type) {
  case A2B_NODE_TEXT:
  case A2B_NODE_CODE:
  case A2B_NODE_MATH_INLINE:
  case A2B_NODE_MATH_BLOCK: s += n->u.literal ? strlen(n->u.literal) * 11 / 10 : 0; break;
  case A2B_NODE_CODE_BLOCK: s += n->u.code.literal ? strlen(n->u.code.literal) * 11 / 10 : 0; break;
  case A2B_NODE_LINK: s += n->u.link.url ? strlen(n->u.link.url) : 0; break;
  case A2B_NODE_IMAGE: s += n->u.image.src ? strlen(n->u.image.src) : 0; break;
  case A2B_NODE_FOOTNOTE_REF:
    s += 150;
    if (n->u.footnote.def && !in_note) s += estimate(n->u.footnote.def, true);
    break;
  case A2B_NODE_FOOTNOTE_DEF:
    if (!in_note) return 0; /* counted with its references */
    break;
  default: break;
  }
  for (const a2b_node *c = n->first_child; c; c = c->next)
    s += estimate(c, in_note);
  return s;
}

static void add_part(a2b_xhtml_plan *plan, size_t *cap, const a2b_article *art, size_t no,
                     const a2b_node *first, const a2b_node *last) {
  if (plan->n_parts == *cap) {
    *cap = *cap ? *cap * 2 : 16;
    plan->parts = a2b_xrealloc(plan->parts, *cap * sizeof *plan->parts);
  }
  a2b_xhtml_part *p = &plan->parts[plan->n_parts];
  int number = 1;
  if (plan->n_parts && plan->parts[plan->n_parts - 1].article == art)
    number = plan->parts[plan->n_parts - 1].number + 1;
  char name[48];
  if (number == 1)
    snprintf(name, sizeof name, "a%04zu.xhtml", no);
  else
    snprintf(name, sizeof name, "a%04zu-%d.xhtml", no, number);
  *p = (a2b_xhtml_part){art, no, number, a2b_xstrdup(name), first, last};
  plan->n_parts++;
}

static bool is_heading(const a2b_node *n, int max_level) {
  return n->type == A2B_NODE_HEADING && n->u.heading.level <= max_level;
}

/* Split one article's top-level blocks into parts of about part_max bytes. */
static void plan_article(a2b_xhtml_plan *plan, size_t *cap, const a2b_article *art, size_t no,
                         size_t part_max) {
  const a2b_node *first = art->body ? art->body->first_child : NULL;
  if (!first) {
    add_part(plan, cap, art, no, NULL, NULL);
    return;
  }
  const a2b_node *start = first, *good = NULL, *any = NULL;
  size_t size = 0;
  for (const a2b_node *b = first; b; b = b->next) {
    size_t sz = estimate(b, false);
    if (sz && b != start && size + sz > part_max) {
      const a2b_node *cut = good ? good : any ? any : b;
      add_part(plan, cap, art, no, start, cut->prev);
      start = cut;
      size = 0;
      good = any = NULL;
      for (const a2b_node *c = cut; c != b; c = c->next) {
        if (c != cut && is_heading(c, 2)) good = c;
        if (c != cut && is_heading(c, 6)) any = c;
        size += estimate(c, false);
      }
    }
    if (b != start && is_heading(b, 2)) good = b;
    if (b != start && is_heading(b, 6)) any = b;
    size += sz;
  }
  add_part(plan, cap, art, no, start, art->body->last_child);
}

typedef struct id_list {
  struct a2b_xhtml_id *items;
  size_t n, cap;
} id_list;

/* Node types written without an element of their own carry no id. */
static bool carries_id(const a2b_node *n) {
  switch (n->type) {
  case A2B_NODE_DOCUMENT:
  case A2B_NODE_TEXT:
  case A2B_NODE_SOFTBREAK:
  case A2B_NODE_FOOTNOTE_DEF:
  case A2B_NODE_FOOTNOTE_REF: return false;
  default: return n->id != NULL;
  }
}

static void collect(a2b_xhtml_plan *plan, id_list *ids, const a2b_node *n, size_t part) {
  if (n->type == A2B_NODE_FOOTNOTE_DEF) return;
  if (n->type == A2B_NODE_IMAGE && n->u.image.res &&
      a2b_xhtml_core_image(n->u.image.res->media_type)) {
    plan->n_images++;
    bool alt = false;
    for (const a2b_node *c = n->first_child; c && !alt; c = c->next)
      alt = c->type != A2B_NODE_TEXT || (c->u.literal && *c->u.literal);
    plan->n_images_alt += alt;
  }
  if (carries_id(n)) {
    if (ids->n == ids->cap) {
      ids->cap = ids->cap ? ids->cap * 2 : 64;
      ids->items = a2b_xrealloc(ids->items, ids->cap * sizeof *ids->items);
    }
    ids->items[ids->n++] = (struct a2b_xhtml_id){n->id, part};
  }
  for (const a2b_node *c = n->first_child; c; c = c->next)
    collect(plan, ids, c, part);
}

static int id_cmp(const void *a, const void *b) {
  return strcmp(((const struct a2b_xhtml_id *)a)->id, ((const struct a2b_xhtml_id *)b)->id);
}

a2b_xhtml_plan *a2b_xhtml_plan_new(const a2b_book *book, size_t part_max, bool user_css) {
  a2b_xhtml_plan *plan = a2b_xmalloc(sizeof *plan);
  *plan = (a2b_xhtml_plan){.book = book, .user_css = user_css};
  plan->article_first = a2b_xmalloc((book->n_articles + 1) * sizeof(size_t));
  size_t cap = 0;
  for (size_t i = 0; i < book->n_articles; i++) {
    plan->article_first[i] = plan->n_parts;
    plan_article(plan, &cap, book->articles[i], i + 1, part_max);
  }
  id_list ids = {0};
  for (size_t p = 0; p < plan->n_parts; p++) {
    const a2b_xhtml_part *part = &plan->parts[p];
    for (const a2b_node *n = part->first; n; n = n->next) {
      collect(plan, &ids, n, p);
      if (n == part->last) break;
    }
  }
  qsort(ids.items, ids.n, sizeof *ids.items, id_cmp);
  plan->ids = ids.items;
  plan->n_ids = ids.n;
  return plan;
}

void a2b_xhtml_plan_free(a2b_xhtml_plan *plan) {
  if (!plan) return;
  for (size_t i = 0; i < plan->n_parts; i++)
    free(plan->parts[i].name);
  free(plan->parts);
  free(plan->article_first);
  free(plan->ids);
  free(plan);
}

/* Position of `art` in the book, or n_articles if it is not there. */
static size_t article_pos(const a2b_xhtml_plan *plan, const a2b_article *art) {
  const a2b_book *book = plan->book;
  if (art->index < book->n_articles && book->articles[art->index] == art) return art->index;
  for (size_t i = 0; i < book->n_articles; i++)
    if (book->articles[i] == art) return i;
  return book->n_articles;
}

/* The part holding `id` inside article `pos`, or SIZE_MAX. */
static size_t find_id(const a2b_xhtml_plan *plan, size_t pos, const char *id) {
  struct a2b_xhtml_id key = {id, 0};
  const struct a2b_xhtml_id *hit = bsearch(&key, plan->ids, plan->n_ids, sizeof key, id_cmp);
  if (!hit || plan->parts[hit->part].article != plan->book->articles[pos]) return SIZE_MAX;
  return hit->part;
}

/* Append the href of (art, fragment) seen from part `from` (SIZE_MAX: from
 * the folder of the parts). With `must_exist`, a fragment that is not in the
 * article gives false and appends nothing. */
static bool put_href(a2b_buf *out, const a2b_xhtml_plan *plan, size_t from, const a2b_article *art,
                     const char *fragment, bool must_exist) {
  size_t pos = article_pos(plan, art);
  if (pos == plan->book->n_articles) return false;
  size_t part = plan->article_first[pos];
  if (fragment) {
    size_t hit = find_id(plan, pos, fragment);
    if (hit == SIZE_MAX) {
      if (must_exist) return false;
      fragment = NULL;
    } else {
      part = hit;
    }
  }
  if (part != from || !fragment) a2b_xhtml_put_url(out, plan->parts[part].name);
  if (fragment) {
    a2b_buf ident = A2B_BUF_INIT;
    a2b_buf_putc(&ident, '#');
    put_id(&ident, fragment);
    a2b_xhtml_put_url(out, a2b_buf_cstr(&ident));
    a2b_buf_free(&ident);
  }
  return true;
}

char *a2b_xhtml_href(const a2b_xhtml_plan *plan, const a2b_article *article, const char *fragment) {
  a2b_buf b = A2B_BUF_INIT;
  if (!put_href(&b, plan, SIZE_MAX, article, fragment, false)) {
    a2b_buf_free(&b);
    return NULL;
  }
  return a2b_buf_take(&b);
}

/* ---- rendering ----------------------------------------------------------- */

typedef struct labels {
  const char *aside[A2B_ASIDE_DETAILS + 1];
  const char *author_sep, *source;
} labels;

static const labels labels_en = {
    {"Note", "Tip", "Important", "Warning", "Caution", "Details"}, ", ", "Source: "};
static const labels labels_zh = {{"注", "提示", "重要", "警告", "注意", "详情"}, "、", "原文："};
static const labels labels_ja = {
    {"メモ", "ヒント", "重要", "警告", "注意", "詳細"}, "、", "出典："};

static const labels *labels_for(const char *lang) {
  if (lang && !strncmp(lang, "zh", 2) && (!lang[2] || lang[2] == '-')) return &labels_zh;
  if (lang && !strncmp(lang, "ja", 2) && (!lang[2] || lang[2] == '-')) return &labels_ja;
  return &labels_en;
}

typedef struct note {
  const a2b_node *def;
  int number;
  int n_refs; /* references written so far in this part */
} note;

typedef struct render {
  const a2b_xhtml_plan *plan;
  size_t part_index;
  const a2b_xhtml_part *part;
  const labels *lb;
  a2b_buf *out;
  int in_link; /* inside <a>: no nested links */
  int heading_shift; /* model level + shift = HTML level: the article's
                        highest heading becomes <h2> under its <h1> title */
  note *notes; /* footnotes referenced in this part, in order */
  size_t n_notes, cap_notes;
} render;

static void render_node(render *r, const a2b_node *n);

static void put(render *r, const char *s) { a2b_buf_puts(r->out, s); }
static void text(render *r, const char *s) { a2b_xhtml_put_text(r->out, s ? s : ""); }

static void children(render *r, const a2b_node *n) {
  for (const a2b_node *c = n->first_child; c; c = c->next)
    render_node(r, c);
}

/* Write "<tag" with the node's id, classes (after `cls`) and language; the
 * caller adds any other attributes and the closing '>'. */
static void open_tag(render *r, const char *tag, const a2b_node *n, const char *cls) {
  a2b_buf_putc(r->out, '<');
  put(r, tag);
  if (n && carries_id(n)) {
    put(r, " id=\"");
    put_id(r->out, n->id);
    put(r, "\"");
  }
  const char *mine = n ? n->classes : NULL;
  if (cls || mine) {
    put(r, " class=\"");
    if (cls) text(r, cls);
    if (cls && mine) put(r, " ");
    if (mine) text(r, mine);
    put(r, "\"");
  }
  if (n && a2b_xhtml_lang_ok(n->lang))
    a2b_buf_printf(r->out, " lang=\"%s\" xml:lang=\"%s\"", n->lang, n->lang);
}

static void element(render *r, const char *tag, const a2b_node *n, const char *cls) {
  open_tag(r, tag, n, cls);
  put(r, ">");
  children(r, n);
  put(r, "</");
  put(r, tag);
  put(r, ">");
}

static void block(render *r, const char *tag, const a2b_node *n, const char *cls) {
  element(r, tag, n, cls);
  put(r, "\n");
}

/* A block around blocks: the tags on lines of their own. */
static void container(render *r, const char *tag, const a2b_node *n) {
  open_tag(r, tag, n, NULL);
  put(r, ">\n");
  children(r, n);
  put(r, "</");
  put(r, tag);
  put(r, ">\n");
}

/* An element holding `literal` as text. */
static void literal_element(render *r, const char *tag, const a2b_node *n, const char *cls,
                            const char *literal) {
  open_tag(r, tag, n, cls);
  put(r, ">");
  text(r, literal);
  put(r, "</");
  put(r, tag);
  put(r, ">");
}

/* CJK characters, between which a source line break means nothing. */
static bool is_cjk(uint32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

static uint32_t edge_char(const a2b_node *n, bool last) {
  if (!n || n->type != A2B_NODE_TEXT || !n->u.literal || !*n->u.literal) return 0;
  const unsigned char *s = (const unsigned char *)n->u.literal;
  size_t len = strlen(n->u.literal), i = 0;
  if (last) {
    i = len - 1;
    while (i > 0 && (s[i] & 0xC0) == 0x80)
      i--;
  }
  uint32_t cp = 0;
  return utf8_decode(s + i, len - i, &cp) ? cp : 0;
}

static bool is_web_url(const char *u) {
  return !strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8) ||
         !strncasecmp(u, "mailto:", 7) || !strncasecmp(u, "ftp://", 6) || !strncmp(u, "//", 2);
}

static void put_web_url(render *r, const char *u) {
  if (!strncmp(u, "//", 2)) put(r, "https:");
  a2b_xhtml_put_url(r->out, u);
}

/* Append the href for a link node; false if it has no usable target. */
static bool link_href(render *r, const a2b_node *n) {
  const char *url = n->u.link.url ? n->u.link.url : "";
  if (n->u.link.target)
    return put_href(r->out, r->plan, r->part_index, n->u.link.target, n->u.link.fragment, false);
  if (url[0] == '#' && url[1])
    return put_href(r->out, r->plan, r->part_index, r->part->article, url + 1, true);
  if (is_web_url(url)) {
    put_web_url(r, url);
    return true;
  }
  return false;
}

static void render_link(render *r, const a2b_node *n) {
  if (!r->in_link) {
    size_t mark = r->out->len;
    open_tag(r, "a", n, NULL);
    put(r, " href=\"");
    if (link_href(r, n)) {
      put(r, "\"");
      if (n->u.link.title) {
        put(r, " title=\"");
        text(r, n->u.link.title);
        put(r, "\"");
      }
      put(r, ">");
      r->in_link++;
      children(r, n);
      r->in_link--;
      put(r, "</a>");
      return;
    }
    r->out->len = mark;
    r->out->data[mark] = '\0';
  }
  if (carries_id(n))
    element(r, "span", n, NULL);
  else
    children(r, n);
}

static void render_image(render *r, const a2b_node *n) {
  a2b_buf alt = A2B_BUF_INIT;
  a2b_node_put_plain_text(&alt, n);
  const a2b_resource *res = n->u.image.res;
  const char *src = n->u.image.src ? n->u.image.src : "";
  if (res && a2b_xhtml_core_image(res->media_type)) {
    open_tag(r, "img", n, NULL);
    put(r, " src=\"../");
    a2b_xhtml_put_url(r->out, res->name);
    put(r, "\" alt=\"");
    text(r, a2b_buf_cstr(&alt));
    put(r, "\"");
    if (n->u.image.title) {
      put(r, " title=\"");
      text(r, n->u.image.title);
      put(r, "\"");
    }
    put(r, "/>");
  } else if (!res && is_web_url(src) && !r->in_link) {
    /* Never embed a remote resource: link to it instead. */
    open_tag(r, "a", n, "image-link");
    put(r, " href=\"");
    put_web_url(r, src);
    put(r, "\">");
    text(r, alt.len ? a2b_buf_cstr(&alt) : src);
    put(r, "</a>");
  } else if (alt.len || carries_id(n)) {
    open_tag(r, "span", n, "image-missing");
    put(r, ">");
    text(r, a2b_buf_cstr(&alt));
    put(r, "</span>");
  }
  a2b_buf_free(&alt);
}

static void fn_id(render *r, const char *kind, int number, int nth) {
  a2b_buf_printf(r->out, "%s-a%zu-%d", kind, r->part->article_no, number);
  if (nth > 1) a2b_buf_printf(r->out, "-%d", nth);
}

static void render_footnote_ref(render *r, const a2b_node *n) {
  const a2b_node *def = n->u.footnote.def;
  if (!def || r->in_link) {
    put(r, "<sup>");
    if (def && n->u.footnote.number > 0)
      a2b_buf_printf(r->out, "%d", n->u.footnote.number);
    else
      text(r, n->u.footnote.label);
    put(r, "</sup>");
    return;
  }
  note *nt = NULL;
  for (size_t i = 0; i < r->n_notes && !nt; i++)
    if (r->notes[i].def == def) nt = &r->notes[i];
  if (!nt) {
    if (r->n_notes == r->cap_notes) {
      r->cap_notes = r->cap_notes ? r->cap_notes * 2 : 8;
      r->notes = a2b_xrealloc(r->notes, r->cap_notes * sizeof *r->notes);
    }
    nt = &r->notes[r->n_notes++];
    int number = n->u.footnote.number > 0 ? n->u.footnote.number : (int)r->n_notes;
    *nt = (note){def, number, 0};
  }
  nt->n_refs++;
  put(r, "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#");
  fn_id(r, "fn", nt->number, 1);
  put(r, "\" id=\"");
  fn_id(r, "fnref", nt->number, nt->n_refs);
  a2b_buf_printf(r->out, "\">%d</a></sup>", nt->number);
}

/* Block children of an item or footnote, with `prefix` (markup) at the start
 * of the first paragraph; in tight lists paragraphs lose their <p>. */
static void flow(render *r, const a2b_node *n, const char *prefix, bool tight) {
  const a2b_node *c = n->first_child;
  if (c && c->type == A2B_NODE_PARAGRAPH) {
    if (tight) {
      put(r, prefix);
      children(r, c);
    } else {
      open_tag(r, "p", c, NULL);
      put(r, ">");
      put(r, prefix);
      children(r, c);
      put(r, "</p>\n");
    }
    c = c->next;
  } else if (*prefix && tight) {
    put(r, prefix);
  } else if (*prefix) {
    a2b_buf_printf(r->out, "<p>%s</p>\n", prefix);
  }
  for (; c; c = c->next) {
    if (tight && c->type == A2B_NODE_PARAGRAPH) {
      put(r, "\n");
      children(r, c);
    } else {
      render_node(r, c);
    }
  }
}

static void render_item(render *r, const a2b_node *n) {
  bool tight = n->parent && n->parent->type == A2B_NODE_LIST && n->parent->u.list.tight;
  int task = n->u.item.task;
  open_tag(r, "li", n, task == 2 ? "task done" : task == 1 ? "task" : NULL);
  put(r, ">");
  flow(r, n,
       task == 2   ? "<span class=\"task-box\">\xE2\x98\x91</span> "
       : task == 1 ? "<span class=\"task-box\">\xE2\x98\x90</span> "
                   : "",
       tight);
  put(r, "</li>\n");
}

static void render_list(render *r, const a2b_node *n) {
  bool tasks = false;
  for (const a2b_node *c = n->first_child; c && !tasks; c = c->next)
    tasks = c->type == A2B_NODE_ITEM && c->u.item.task;
  const char *tag = n->u.list.ordered ? "ol" : "ul";
  open_tag(r, tag, n, tasks ? "task-list" : NULL);
  if (n->u.list.ordered && n->u.list.start != 1)
    a2b_buf_printf(r->out, " start=\"%d\"", n->u.list.start);
  put(r, ">\n");
  children(r, n);
  a2b_buf_printf(r->out, "</%s>\n", tag);
}

static void render_table(render *r, const a2b_node *n) {
  static const char *const align[] = {NULL, "align-left", "align-center", "align-right"};
  open_tag(r, "table", n, NULL);
  put(r, ">\n");
  const char *section = NULL;
  for (const a2b_node *row = n->first_child; row; row = row->next) {
    bool head = row->type == A2B_NODE_TABLE_ROW && row->u.row.header;
    /* Header rows at the top go into <thead>, all others into <tbody>. */
    const char *want = head && (!section || !strcmp(section, "thead")) ? "thead" : "tbody";
    if (!section || strcmp(section, want)) {
      if (section) a2b_buf_printf(r->out, "</%s>\n", section);
      a2b_buf_printf(r->out, "<%s>\n", want);
      section = want;
    }
    if (row->type != A2B_NODE_TABLE_ROW) {
      render_node(r, row);
      continue;
    }
    open_tag(r, "tr", row, NULL);
    put(r, ">");
    for (const a2b_node *cell = row->first_child; cell; cell = cell->next) {
      if (cell->type != A2B_NODE_TABLE_CELL) {
        render_node(r, cell);
        continue;
      }
      unsigned a = (unsigned)cell->u.cell.align;
      element(r, head ? "th" : "td", cell, a < 4 ? align[a] : NULL);
    }
    put(r, "</tr>\n");
  }
  if (section) a2b_buf_printf(r->out, "</%s>\n", section);
  put(r, "</table>\n");
}

static void render_aside(render *r, const a2b_node *n) {
  a2b_aside_kind kind = n->u.aside.kind;
  if (kind > A2B_ASIDE_DETAILS) kind = A2B_ASIDE_NOTE;
  const char *title = n->u.aside.title && *n->u.aside.title ? n->u.aside.title : r->lb->aside[kind];
  if (kind == A2B_ASIDE_DETAILS) {
    /* Open: e-readers may offer no way to expand it. */
    open_tag(r, "details", n, NULL);
    put(r, " open=\"open\">\n<summary>");
    text(r, title);
    put(r, "</summary>\n");
    children(r, n);
    put(r, "</details>\n");
    return;
  }
  static const char *const cls[] = {"note note-note", "note note-tip", "note note-important",
                                    "note note-warning", "note note-caution"};
  open_tag(r, "aside", n, cls[kind]);
  put(r, " role=\"note\">\n<p class=\"note-title\">");
  text(r, title);
  put(r, "</p>\n");
  children(r, n);
  put(r, "</aside>\n");
}

static void render_ruby(render *r, const a2b_node *n) {
  open_tag(r, "ruby", n, NULL);
  put(r, ">");
  for (const a2b_node *c = n->first_child; c; c = c->next) {
    if (c->type == A2B_NODE_RUBY_TEXT) {
      put(r, "<rp>(</rp>");
      element(r, "rt", c, NULL);
      put(r, "<rp>)</rp>");
    } else {
      render_node(r, c);
    }
  }
  put(r, "</ruby>");
}

static void render_node(render *r, const a2b_node *n) {
  switch (n->type) {
  case A2B_NODE_DOCUMENT: children(r, n); break;
  case A2B_NODE_PARAGRAPH: block(r, "p", n, NULL); break;
  case A2B_NODE_HEADING: {
    int level = n->u.heading.level + r->heading_shift;
    char tag[3] = {'h', (char)('0' + (level < 2 ? 2 : level > 6 ? 6 : level)), '\0'};
    block(r, tag, n, NULL);
    break;
  }
  case A2B_NODE_CODE_BLOCK:
    if (n->u.code.filename) {
      put(r, "<div class=\"code-caption\">");
      text(r, n->u.code.filename);
      put(r, "</div>\n");
    }
    open_tag(r, "pre", n, NULL);
    put(r, "><code");
    if (n->u.code.lang && *n->u.code.lang) {
      put(r, " class=\"language-");
      for (const char *p = n->u.code.lang; *p; p++) {
        char c[2] = {*p == ' ' || *p == '\t' ? '-' : *p, '\0'};
        text(r, c);
      }
      put(r, "\"");
    }
    put(r, ">");
    text(r, n->u.code.literal);
    put(r, "</code></pre>\n");
    break;
  case A2B_NODE_MATH_BLOCK:
    literal_element(r, "pre", n, "math", n->u.literal);
    put(r, "\n");
    break;
  case A2B_NODE_QUOTE: container(r, "blockquote", n); break;
  case A2B_NODE_ASIDE: render_aside(r, n); break;
  case A2B_NODE_LIST: render_list(r, n); break;
  case A2B_NODE_ITEM: render_item(r, n); break;
  case A2B_NODE_TABLE: render_table(r, n); break;
  case A2B_NODE_TABLE_ROW: block(r, "tr", n, NULL); break;
  case A2B_NODE_TABLE_CELL: element(r, "td", n, NULL); break;
  case A2B_NODE_THEMATIC_BREAK:
    open_tag(r, "hr", n, NULL);
    put(r, "/>\n");
    break;
  case A2B_NODE_FIGURE:
    open_tag(r, "figure", n, NULL);
    put(r, ">\n");
    children(r, n);
    put(r, "\n</figure>\n");
    break;
  case A2B_NODE_CAPTION:
    if (n->parent && n->parent->type == A2B_NODE_FIGURE)
      element(r, "figcaption", n, NULL);
    else
      block(r, "p", n, "caption");
    break;
  case A2B_NODE_FOOTNOTE_DEF: break; /* written at the end of the part */
  case A2B_NODE_DIV: container(r, "div", n); break;
  case A2B_NODE_TEXT: text(r, n->u.literal); break;
  case A2B_NODE_SOFTBREAK: {
    bool join = is_cjk(edge_char(n->prev, true)) && is_cjk(edge_char(n->next, false));
    if (!join) put(r, "\n");
    break;
  }
  case A2B_NODE_LINEBREAK:
    open_tag(r, "br", n, NULL);
    put(r, "/>\n");
    break;
  case A2B_NODE_CODE: literal_element(r, "code", n, NULL, n->u.literal); break;
  case A2B_NODE_MATH_INLINE: literal_element(r, "code", n, "math", n->u.literal); break;
  case A2B_NODE_EMPH: element(r, "em", n, NULL); break;
  case A2B_NODE_STRONG: element(r, "strong", n, NULL); break;
  case A2B_NODE_STRIKE: element(r, "s", n, NULL); break;
  case A2B_NODE_UNDERLINE: element(r, "u", n, NULL); break;
  case A2B_NODE_MARK: element(r, "mark", n, NULL); break;
  case A2B_NODE_SUB: element(r, "sub", n, NULL); break;
  case A2B_NODE_SUP: element(r, "sup", n, NULL); break;
  case A2B_NODE_SMALL: element(r, "small", n, NULL); break;
  case A2B_NODE_RUBY: render_ruby(r, n); break;
  case A2B_NODE_RUBY_TEXT: element(r, "span", n, "ruby-text"); break; /* outside <ruby> */
  case A2B_NODE_SPAN: element(r, "span", n, NULL); break;
  case A2B_NODE_LINK: render_link(r, n); break;
  case A2B_NODE_IMAGE: render_image(r, n); break;
  case A2B_NODE_FOOTNOTE_REF: render_footnote_ref(r, n); break;
  case A2B_NODE__COUNT: break;
  }
}

/* The definitions referenced in this part, as EPUB 3 pop-up notes; a
 * definition may reference further notes, which are appended. */
static void render_notes(render *r) {
  if (!r->n_notes) return;
  put(r, "<div class=\"footnotes\">\n");
  for (size_t i = 0; i < r->n_notes; i++) {
    note nt = r->notes[i]; /* rendering may grow (move) r->notes */
    put(r, "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"");
    fn_id(r, "fn", nt.number, 1);
    put(r, "\">\n");
    a2b_buf prefix = A2B_BUF_INIT;
    a2b_buf_printf(&prefix, "<a role=\"doc-backlink\" href=\"#fnref-a%zu-%d\">%d</a> ",
                   r->part->article_no, nt.number, nt.number);
    flow(r, nt.def, a2b_buf_cstr(&prefix), false);
    a2b_buf_free(&prefix);
    put(r, "</aside>\n");
  }
  put(r, "</div>\n");
}

static void put_date(render *r, const a2b_date *d) {
  char full[32], day[32];
  a2b_date_format(d, true, full);
  a2b_date_format(d, false, day);
  put(r, "<time datetime=\"");
  text(r, full);
  put(r, "\">");
  text(r, day);
  put(r, "</time>");
}

static void render_header(render *r, const a2b_article *a) {
  put(r, "<header class=\"article-header\">\n<h1>");
  text(r, a->title);
  put(r, "</h1>\n");
  if (a->date.set || a->authors.n) {
    put(r, "<p class=\"article-meta\">");
    if (a->date.set) put_date(r, &a->date);
    if (a->date.set && a->authors.n) put(r, " ");
    for (size_t i = 0; i < a->authors.n; i++) {
      if (i) put(r, r->lb->author_sep);
      put(r, "<span class=\"author\">");
      text(r, a->authors.items[i]);
      put(r, "</span>");
    }
    put(r, "</p>\n");
  }
  if (a->tags.n) {
    put(r, "<p class=\"article-tags\">");
    for (size_t i = 0; i < a->tags.n; i++) {
      if (i) put(r, " ");
      put(r, "<span class=\"tag\">");
      text(r, a->tags.items[i]);
      put(r, "</span>");
    }
    put(r, "</p>\n");
  }
  if (a->summary && *a->summary) {
    put(r, "<p class=\"article-summary\">");
    text(r, a->summary);
    put(r, "</p>\n");
  }
  if (a->source_url && is_web_url(a->source_url)) {
    put(r, "<p class=\"article-source\">");
    text(r, r->lb->source);
    put(r, "<a href=\"");
    put_web_url(r, a->source_url);
    put(r, "\">");
    text(r, a->source_url);
    put(r, "</a></p>\n");
  }
  put(r, "</header>\n");
}

/* The smallest heading level anywhere below n (7 when there is none). */
static int top_heading_level(const a2b_node *n) {
  int top = n->type == A2B_NODE_HEADING ? n->u.heading.level : 7;
  for (const a2b_node *c = n->first_child; c; c = c->next) {
    int t = top_heading_level(c);
    if (t < top) top = t;
  }
  return top;
}

void a2b_xhtml_render(const a2b_xhtml_plan *plan, size_t part_index, a2b_buf *out) {
  const a2b_xhtml_part *part = &plan->parts[part_index];
  const a2b_article *a = part->article;
  const char *lang = a2b_xhtml_lang_ok(a->lang) ? a->lang : plan->book->lang;
  if (!a2b_xhtml_lang_ok(lang)) lang = "und";
  int top = top_heading_level(a->body);
  render r = {.plan = plan,
              .part_index = part_index,
              .part = part,
              .lb = labels_for(lang),
              .out = out,
              .heading_shift = top <= 6 ? 2 - top : 1};
  a2b_buf_printf(out,
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                 "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                 "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"%s\" xml:lang=\"%s\">\n"
                 "<head>\n<meta charset=\"UTF-8\"/>\n<title>",
                 lang, lang);
  text(&r, a->title);
  put(&r, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"../styles/epub.css\"/>\n");
  if (plan->user_css)
    put(&r, "<link rel=\"stylesheet\" type=\"text/css\" href=\"../styles/user.css\"/>\n");
  put(&r, "</head>\n<body>\n<section class=\"article\" epub:type=\"chapter\">\n");
  if (part->number == 1) render_header(&r, a);
  for (const a2b_node *n = part->first; n; n = n->next) {
    render_node(&r, n);
    if (n == part->last) break;
  }
  render_notes(&r);
  put(&r, "</section>\n</body>\n</html>\n");
  free(r.notes);
}
