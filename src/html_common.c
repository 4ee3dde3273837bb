/* Raw HTML helpers: vocabulary, UTF-8 cleaning, entities, tag tokenizer,
 * and nodes built from attributes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "arena.h"
#include "html_internal.h"

/* ---- vocabulary -------------------------------------------------------- */

#define F(name, type)                                                                              \
  { name, A2B_HK_FORMAT, A2B_NODE_##type }
#define K(name, kind)                                                                              \
  { name, A2B_HK_##kind, 0 }

/* Every HTML element name, current and obsolete, sorted for bsearch. */
static const a2b_html_elem vocabulary[] = {
    K("a", A),
    K("abbr", INLINE),
    K("acronym", INLINE),
    K("address", BLOCK),
    K("applet", DROP),
    K("area", DROP),
    K("article", BLOCK),
    K("aside", BLOCK),
    K("audio", EMBED),
    F("b", STRONG),
    K("base", DROP),
    K("basefont", DROP),
    K("bdi", INLINE),
    K("bdo", INLINE),
    K("bgsound", DROP),
    K("big", INLINE),
    K("blink", INLINE),
    K("blockquote", QUOTE),
    K("body", BLOCK),
    K("br", BR),
    K("button", DROP),
    K("canvas", DROP),
    K("caption", CAPTION),
    K("center", BLOCK),
    K("cite", INLINE),
    K("code", CODE),
    K("col", DROP),
    K("colgroup", DROP),
    K("data", INLINE),
    K("datalist", DROP),
    K("dd", BLOCK),
    F("del", STRIKE),
    K("details", DETAILS),
    K("dfn", INLINE),
    K("dialog", BLOCK),
    {"dir", A2B_HK_LIST, 0},
    K("div", BLOCK),
    K("dl", BLOCK),
    K("dt", P),
    F("em", EMPH),
    K("embed", DROP),
    K("fieldset", BLOCK),
    K("figcaption", FIGCAPTION),
    K("figure", FIGURE),
    K("font", INLINE),
    K("footer", BLOCK),
    K("form", BLOCK),
    K("frame", DROP),
    K("frameset", DROP),
    {"h1", A2B_HK_HEADING, 1},
    {"h2", A2B_HK_HEADING, 2},
    {"h3", A2B_HK_HEADING, 3},
    {"h4", A2B_HK_HEADING, 4},
    {"h5", A2B_HK_HEADING, 5},
    {"h6", A2B_HK_HEADING, 6},
    K("head", DROP),
    K("header", BLOCK),
    K("hgroup", BLOCK),
    K("hr", HR),
    K("html", BLOCK),
    F("i", EMPH),
    K("iframe", EMBED),
    K("img", IMG),
    K("input", DROP),
    F("ins", UNDERLINE),
    K("kbd", CODE),
    K("keygen", DROP),
    K("label", INLINE),
    K("legend", P),
    K("li", LI),
    K("link", DROP),
    K("listing", PRE),
    K("main", BLOCK),
    K("map", INLINE),
    F("mark", MARK),
    K("marquee", INLINE),
    K("math", DROP),
    {"menu", A2B_HK_LIST, 0},
    K("menuitem", DROP),
    K("meta", DROP),
    K("meter", DROP),
    K("nav", BLOCK),
    K("nobr", INLINE),
    K("noembed", DROP),
    K("noframes", DROP),
    K("noscript", INLINE),
    K("object", DROP),
    {"ol", A2B_HK_LIST, 1},
    K("optgroup", DROP),
    K("option", DROP),
    K("output", DROP),
    K("p", P),
    K("param", DROP),
    K("picture", INLINE),
    K("plaintext", PRE),
    K("pre", PRE),
    K("progress", DROP),
    K("q", INLINE),
    K("rb", INLINE),
    K("rp", RP),
    K("rt", RT),
    K("rtc", INLINE),
    K("ruby", RUBY),
    F("s", STRIKE),
    K("samp", CODE),
    K("script", DROP),
    K("search", BLOCK),
    K("section", BLOCK),
    K("select", DROP),
    K("slot", INLINE),
    F("small", SMALL),
    K("source", DROP),
    K("span", INLINE),
    F("strike", STRIKE),
    F("strong", STRONG),
    K("style", DROP),
    F("sub", SUB),
    K("summary", SUMMARY),
    F("sup", SUP),
    K("svg", DROP),
    K("table", TABLE),
    K("tbody", TSECTION),
    {"td", A2B_HK_CELL, 0},
    K("template", DROP),
    K("textarea", DROP),
    K("tfoot", TSECTION),
    {"th", A2B_HK_CELL, 1},
    {"thead", A2B_HK_TSECTION, 1},
    K("time", INLINE),
    K("title", DROP),
    K("tr", TR),
    K("track", DROP),
    K("tt", CODE),
    F("u", UNDERLINE),
    {"ul", A2B_HK_LIST, 0},
    K("var", INLINE),
    K("video", EMBED),
    K("wbr", WBR),
    K("xmp", PRE),
};

#undef F
#undef K

typedef struct name_key {
  const char *s;
  size_t len;
} name_key;

static int compare_name(const void *key, const void *elem) {
  const name_key *k = key;
  const char *name = ((const a2b_html_elem *)elem)->name;
  for (size_t i = 0; i < k->len; i++) {
    int c = tolower((unsigned char)k->s[i]);
    if (c != (unsigned char)name[i]) return c - (unsigned char)name[i];
  }
  return name[k->len] ? -1 : 0;
}

const a2b_html_elem *a2b_html_lookup(const char *name, size_t len) {
  name_key k = {name, len};
  return bsearch(&k, vocabulary, sizeof vocabulary / sizeof *vocabulary, sizeof *vocabulary,
                 compare_name);
}

bool a2b_html_is_block(a2b_html_kind kind) { return kind >= A2B_HK_BLOCK; }

bool a2b_html_is_void(const char *name) {
  static const char *const voids[] = {"area",  "base",  "basefont", "bgsound", "br",    "col",
                                      "embed", "frame", "hr",       "img",     "input", "keygen",
                                      "link",  "meta",  "param",    "source",  "track", "wbr"};
  for (size_t i = 0; i < sizeof voids / sizeof *voids; i++)
    if (!strcmp(name, voids[i])) return true;
  return false;
}

/* ---- text -------------------------------------------------------------- */

static void put_utf8(a2b_buf *out, unsigned cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | cp >> 6);
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | cp >> 18);
    b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  a2b_buf_append(out, b, n);
}

/* Length of the valid UTF-8 sequence at s[0..n), storing its code point;
 * 0 when it is invalid (overlong, surrogate, beyond U+10FFFF, truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
  unsigned c = s[0], min;
  size_t len;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2, c &= 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, c &= 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, c &= 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    c = c << 6 | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}

void a2b_html_clean(a2b_buf *out, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned cp;
    size_t len = utf8_decode(u + i, n - i, &cp);
    if (!len) {
      put_utf8(out, 0xFFFD);
      i++;
      continue;
    }
    if (cp == 0xFFFE || cp == 0xFFFF)
      put_utf8(out, 0xFFFD);
    else if ((cp >= 0x20 && cp != 0x7F) || cp == '\t' || cp == '\n')
      a2b_buf_append(out, s + i, len);
    i += len;
  }
}

char *a2b_html_cleandup(a2b_arena *arena, const char *s, size_t n) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_html_clean(&b, s, n);
  char *r = a2b_strndup(arena, a2b_buf_cstr(&b), b.len);
  a2b_buf_free(&b);
  return r;
}

/* Decode the reference at s[0] == '&'; returns its length, 0 if none. */
static size_t decode_ref(a2b_buf *out, const char *s, size_t n) {
  size_t i = 1;
  unsigned long cp = 0;
  if (i < n && s[i] == '#') {
    bool hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
    i += hex ? 2 : 1;
    size_t start = i;
    while (i < n && (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))) {
      if (cp <= 0x10FFFF)
        cp =
            cp * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)s[i])
                                                       ? s[i] - '0'
                                                       : (tolower((unsigned char)s[i]) - 'a' + 10));
      i++;
    }
    if (i == start || i >= n || s[i] != ';') return 0;
    bool ok = cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    put_utf8(out, ok ? (unsigned)cp : 0xFFFD);
    return i + 1;
  }
  char name[32];
  size_t len = 0;
  while (i < n && isalnum((unsigned char)s[i]) && len < sizeof name - 1)
    name[len++] = s[i++];
  if (!len || i >= n || s[i] != ';') return 0;
  name[len] = '\0';
  const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
  if (!e) return 0;
  put_utf8(out, e->value);
  return i + 1;
}

void a2b_html_decode(a2b_buf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t len = s[i] == '&' ? decode_ref(out, s + i, n - i) : 0;
    if (len) {
      i += len;
    } else {
      a2b_buf_putc(out, s[i]);
      i++;
    }
  }
}

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char *a2b_html_collapse(a2b_arena *arena, const char *s) {
  a2b_buf b = A2B_BUF_INIT;
  bool space = false;
  for (; s && *s; s++) {
    if (is_space(*s)) {
      space = b.len > 0;
      continue;
    }
    if (space) a2b_buf_putc(&b, ' ');
    space = false;
    a2b_buf_putc(&b, *s);
  }
  char *r = b.len ? a2b_html_cleandup(arena, b.data, b.len) : NULL;
  a2b_buf_free(&b);
  return r;
}

/* ---- attributes and tags ----------------------------------------------- */

void a2b_html_attrs_add(a2b_html_attrs *a, const char *name, size_t name_len, const char *value,
                        size_t value_len) {
  if (a->n >= A2B_HTML_MAX_ATTRS) return;
  char *nm = a2b_xmalloc(name_len + 1);
  for (size_t i = 0; i < name_len; i++)
    nm[i] = (char)tolower((unsigned char)name[i]);
  nm[name_len] = '\0';
  char *v = a2b_xmalloc(value_len + 1);
  memcpy(v, value, value_len);
  v[value_len] = '\0';
  a->name[a->n] = nm;
  a->value[a->n] = v;
  a->n++;
}

void a2b_html_attrs_free(a2b_html_attrs *a) {
  for (int i = 0; i < a->n; i++) {
    free(a->name[i]);
    free(a->value[i]);
  }
  a->n = 0;
}

const char *a2b_html_attr(const a2b_html_attrs *a, const char *name) {
  for (int i = 0; i < a->n; i++)
    if (!strcmp(a->name[i], name)) return a->value[i];
  return NULL;
}

static const char *find(const char *s, size_t n, const char *what) {
  size_t w = strlen(what);
  for (size_t i = 0; i + w <= n; i++)
    if (!memcmp(s + i, what, w)) return s + i;
  return NULL;
}

static bool is_name_char(char c) {
  return isalnum((unsigned char)c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* An attribute value, decoded, added to `t`. */
static void add_attr(a2b_html_tag *t, const char *name, size_t name_len, const char *v,
                     size_t v_len) {
  a2b_buf d = A2B_BUF_INIT;
  a2b_html_decode(&d, v, v_len);
  a2b_html_attrs_add(&t->attrs, name, name_len, a2b_buf_cstr(&d), d.len);
  a2b_buf_free(&d);
}

size_t a2b_html_scan_tag(const char *s, size_t n, a2b_html_tag *t) {
  memset(t, 0, sizeof *t);
  if (n < 3 || s[0] != '<') return 0;
  const char *end = NULL;
  if (n >= 4 && !memcmp(s, "<!--", 4)) {
    t->type = A2B_TAG_COMMENT;
    end = find(s + 4, n - 4, "-->");
    return end ? (size_t)(end - s) + 3 : 0;
  }
  if (s[1] == '?' || s[1] == '!') {
    t->type = A2B_TAG_OTHER;
    bool cdata = n >= 9 && !memcmp(s, "<![CDATA[", 9);
    end = find(s + 2, n - 2, cdata ? "]]>" : s[1] == '?' ? "?>" : ">");
    return end ? (size_t)(end - s) + (cdata ? 3 : s[1] == '?' ? 2 : 1) : 0;
  }
  size_t i = s[1] == '/' ? 2 : 1;
  t->type = i == 2 ? A2B_TAG_CLOSE : A2B_TAG_OPEN;
  if (i >= n || !isalpha((unsigned char)s[i])) return 0;
  t->name = s + i;
  while (i < n && is_name_char(s[i]))
    i++;
  t->name_len = (size_t)(s + i - t->name);
  for (;;) {
    bool spaced = false;
    while (i < n && is_space(s[i]))
      i++, spaced = true;
    if (i >= n) break;
    if (s[i] == '>') return i + 1;
    if (t->type == A2B_TAG_OPEN && s[i] == '/' && i + 1 < n && s[i + 1] == '>') {
      t->self_closing = true;
      return i + 2;
    }
    if (t->type == A2B_TAG_CLOSE || !spaced) break;
    const char *an = s + i;
    while (i < n && !is_space(s[i]) && !strchr("/>=\"'<", s[i]))
      i++;
    size_t an_len = (size_t)(s + i - an);
    if (!an_len) break;
    size_t j = i;
    while (j < n && is_space(s[j]))
      j++;
    if (j >= n || s[j] != '=') {
      add_attr(t, an, an_len, "", 0);
      continue;
    }
    j++;
    while (j < n && is_space(s[j]))
      j++;
    if (j < n && (s[j] == '"' || s[j] == '\'')) {
      const char *q = memchr(s + j + 1, s[j], n - j - 1);
      if (!q) break;
      add_attr(t, an, an_len, s + j + 1, (size_t)(q - s - j - 1));
      i = (size_t)(q - s) + 1;
    } else {
      size_t v = j;
      while (j < n && !is_space(s[j]) && !strchr("\"'=<>`", s[j]))
        j++;
      if (j == v) break;
      add_attr(t, an, an_len, s + v, j - v);
      i = j;
    }
  }
  a2b_html_tag_free(t);
  return 0;
}

void a2b_html_tag_free(a2b_html_tag *t) { a2b_html_attrs_free(&t->attrs); }

/* ---- nodes from attributes --------------------------------------------- */

static char *trimmed(a2b_arena *arena, const char *s) {
  if (!s) return NULL;
  while (is_space(*s))
    s++;
  size_t n = strlen(s);
  while (n && is_space(s[n - 1]))
    n--;
  return n ? a2b_html_cleandup(arena, s, n) : NULL;
}

bool a2b_html_has_common(const a2b_html_attrs *a) {
  static const char *const names[] = {"id", "lang", "class"};
  for (int i = 0; i < 3; i++) {
    const char *v = a2b_html_attr(a, names[i]);
    if (v && v[strspn(v, " \t\n\r\f")]) return true;
  }
  return false;
}

void a2b_html_common_attrs(a2b_arena *arena, a2b_node *node, const a2b_html_attrs *a) {
  node->id = trimmed(arena, a2b_html_attr(a, "id"));
  node->lang = trimmed(arena, a2b_html_attr(a, "lang"));
  node->classes = a2b_html_collapse(arena, a2b_html_attr(a, "class"));
}

bool a2b_html_inside_link(const a2b_node *node) {
  for (; node; node = node->parent)
    if (node->type == A2B_NODE_LINK) return true;
  return false;
}

typedef enum url_use { URL_LINK, URL_MEDIA } url_use;

/* The URL as browsers read it (outer white space trimmed, tabs and line
 * breaks removed, `//host` given https:), in `arena`; NULL when empty or
 * its scheme is not allowed for `use` (links: http, https, mailto;
 * media: http, https; both: relative). */
static const char *usable_url(a2b_arena *arena, const char *s, url_use use) {
  if (!s) return NULL;
  a2b_buf b = A2B_BUF_INIT;
  while (*s && (unsigned char)*s <= ' ')
    s++;
  if (s[0] == '/' && s[1] == '/') a2b_buf_puts(&b, "https:");
  for (; *s; s++)
    if (*s != '\t' && *s != '\n' && *s != '\r') a2b_buf_putc(&b, *s);
  while (b.len && (unsigned char)b.data[b.len - 1] <= ' ')
    b.data[--b.len] = '\0';
  const char *u = a2b_buf_cstr(&b);
  size_t scheme = strcspn(u, ":/?#");
  bool ok = b.len > 0;
  if (ok && u[scheme] == ':' && isalpha((unsigned char)u[0])) {
    bool valid = true;
    for (size_t i = 0; i < scheme; i++)
      if (!isalnum((unsigned char)u[i]) && !strchr("+-.", u[i])) valid = false;
    if (valid)
      ok = (scheme == 4 && !strncasecmp(u, "http", 4)) ||
           (scheme == 5 && !strncasecmp(u, "https", 5)) ||
           (use == URL_LINK && scheme == 6 && !strncasecmp(u, "mailto", 6));
  }
  const char *r = ok ? a2b_html_cleandup(arena, u, b.len) : NULL;
  a2b_buf_free(&b);
  return r;
}

a2b_node *a2b_html_make_link(a2b_arena *arena, const a2b_html_attrs *a, int line, int col) {
  const char *url = usable_url(arena, a2b_html_attr(a, "href"), URL_LINK);
  if (!url) return NULL;
  a2b_node *link = a2b_node_new(arena, A2B_NODE_LINK, line, col);
  link->u.link.url = url;
  link->u.link.title = a2b_html_collapse(arena, a2b_html_attr(a, "title"));
  return link;
}

static int pixels(const char *s) {
  if (!s) return 0;
  char *end;
  long v = strtol(s, &end, 10);
  while (is_space(*end))
    end++;
  if (*end && strcmp(end, "px")) return 0;
  return v > 0 && v < 100000 ? (int)v : 0;
}

/* The real source of a lazy-loading image, or NULL. */
static const char *lazy_source(a2b_arena *arena, const a2b_html_attrs *a) {
  static const char *const single[] = {"data-src", "data-original", "data-actualsrc",
                                       "data-lazy-src"};
  static const char *const sets[] = {"data-srcset", "data-lazy-srcset", "srcset"};
  for (size_t i = 0; i < sizeof single / sizeof *single; i++) {
    const char *src = usable_url(arena, a2b_html_attr(a, single[i]), URL_MEDIA);
    if (src && !a2b_html_is_placeholder(src)) return src;
  }
  for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
    const char *set = a2b_html_attr(a, sets[i]);
    const char *src = set ? usable_url(arena, a2b_html_srcset_largest(arena, set), URL_MEDIA) : NULL;
    if (src) return src;
  }
  return NULL;
}

a2b_node *a2b_html_make_image(a2b_arena *arena, const a2b_html_attrs *a, int line, int col) {
  const char *src = usable_url(arena, a2b_html_attr(a, "src"), URL_MEDIA);
  if (!src || a2b_html_is_placeholder(src)) {
    const char *lazy = lazy_source(arena, a);
    if (lazy) src = lazy;
  }
  char *alt = a2b_html_collapse(arena, a2b_html_attr(a, "alt"));
  a2b_node *text = NULL;
  if (alt) {
    text = a2b_node_new(arena, A2B_NODE_TEXT, line, col);
    text->u.literal = alt;
  }
  if (!src) return text;
  a2b_node *img = a2b_node_new(arena, A2B_NODE_IMAGE, line, col);
  img->u.image.src = src;
  img->u.image.title = a2b_html_collapse(arena, a2b_html_attr(a, "title"));
  img->u.image.width = pixels(a2b_html_attr(a, "width"));
  img->u.image.height = pixels(a2b_html_attr(a, "height"));
  if (text) a2b_node_append(img, text);
  return img;
}

a2b_node *a2b_html_make_embed(a2b_arena *arena, const char *src, const char *title, int line,
                              int col) {
  const char *url = usable_url(arena, src, URL_MEDIA);
  if (!url) return NULL;
  a2b_node *link = a2b_node_new(arena, A2B_NODE_LINK, line, col);
  link->u.link.url = url;
  a2b_node *text = a2b_node_new(arena, A2B_NODE_TEXT, line, col);
  text->u.literal = a2b_html_collapse(arena, title);
  if (!text->u.literal) text->u.literal = a2b_sprintf(arena, "Embedded content: %s", url);
  a2b_node_append(link, text);
  return link;
}
