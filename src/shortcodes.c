/* Hugo shortcode tags: parsing, classification, inline expansion. */
#include "shortcodes.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

/* True if s[i..n) starts with the tag end `>}}` (or `%}}`). */
static bool at_end(const char *s, size_t n, size_t i, char delim) {
  return i + 3 <= n && s[i] == delim && s[i + 1] == '}' && s[i + 2] == '}';
}

/* Skip white space; false if it holds a blank line (two line breaks). */
static bool skip_ws(const char *s, size_t n, size_t *i) {
  int breaks = 0;
  while (*i < n && is_ws(s[*i])) {
    if (s[*i] == '\n' && ++breaks == 2) return false;
    (*i)++;
  }
  return true;
}

static void add_arg(a2b_sc_tag *t, char *key, char *val) {
  t->args = a2b_xrealloc(t->args, (t->n_args + 1) * sizeof *t->args);
  t->args[t->n_args].key = key;
  t->args[t->n_args].val = val;
  t->n_args++;
}

static char *dup_n(const char *s, size_t n) {
  char *p = a2b_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* One argument value at s[*i]: "quoted" (backslash escapes), `raw`,
 * 'single', or bare up to white space or the tag end. NULL if unterminated. */
static char *parse_value(const char *s, size_t n, size_t *i, char delim) {
  char q = s[*i];
  if (q == '"' || q == '`' || q == '\'') {
    a2b_buf b = A2B_BUF_INIT;
    size_t j = *i + 1;
    for (; j < n && s[j] != q; j++) {
      if (q == '"' && s[j] == '\\' && j + 1 < n) j++;
      a2b_buf_putc(&b, s[j]);
    }
    if (j >= n) {
      a2b_buf_free(&b);
      return NULL;
    }
    *i = j + 1;
    return a2b_buf_take(&b);
  }
  size_t j = *i;
  while (j < n && !is_ws(s[j]) && !at_end(s, n, j, delim) &&
         !(s[j] == '/' && at_end(s, n, j + 1, delim)))
    j++;
  char *v = dup_n(s + *i, j - *i);
  *i = j;
  return v;
}

bool a2b_sc_parse(const char *s, size_t n, a2b_sc_tag *t) {
  memset(t, 0, sizeof *t);
  if (n < 5 || s[0] != '{' || s[1] != '{' || (s[2] != '<' && s[2] != '%')) return false;
  char delim = s[2] == '<' ? '>' : '%';
  size_t i = 3;
  if (!skip_ws(s, n, &i)) return false;
  if (i < n && s[i] == '/') {
    t->closing = true;
    i++;
    if (!skip_ws(s, n, &i)) return false;
  }
  size_t name = i;
  while (i < n && is_name_char(s[i]))
    i++;
  if (i == name || i - name >= sizeof t->name) return false;
  memcpy(t->name, s + name, i - name);
  for (;;) {
    if (!skip_ws(s, n, &i) || i >= n) break;
    if (at_end(s, n, i, delim)) {
      t->len = i + 3;
      return true;
    }
    if (s[i] == '/' && at_end(s, n, i + 1, delim)) {
      t->self_closing = true;
      t->len = i + 4;
      return true;
    }
    size_t k = i;
    while (k < n && (is_name_char(s[k])))
      k++;
    char *key = NULL;
    if (k > i && k < n && s[k] == '=') {
      key = dup_n(s + i, k - i);
      i = k + 1;
    }
    char *val = i < n ? parse_value(s, n, &i, delim) : NULL;
    if (!val) {
      free(key);
      break;
    }
    add_arg(t, key, val);
  }
  a2b_sc_tag_free(t);
  return false;
}

void a2b_sc_tag_free(a2b_sc_tag *t) {
  for (size_t i = 0; i < t->n_args; i++) {
    free(t->args[i].key);
    free(t->args[i].val);
  }
  free(t->args);
  t->args = NULL;
  t->n_args = 0;
}

const char *a2b_sc_arg_get(const a2b_sc_tag *t, const char *key, int pos) {
  int p = 0;
  const char *positional = NULL;
  for (size_t i = 0; i < t->n_args; i++) {
    if (t->args[i].key) {
      if (key && strcmp(t->args[i].key, key) == 0) return t->args[i].val;
    } else if (p++ == pos) {
      positional = t->args[i].val;
    }
  }
  return positional;
}

size_t a2b_sc_escaped_len(const char *s, size_t n) {
  if (n < 10 || s[0] != '{' || s[1] != '{' || (s[2] != '<' && s[2] != '%') || s[3] != '/' ||
      s[4] != '*')
    return 0;
  char delim = s[2] == '<' ? '>' : '%';
  for (size_t i = 5; i + 5 <= n; i++)
    if (s[i] == '*' && s[i + 1] == '/' && at_end(s, n, i + 2, delim)) return i + 5;
  return 0;
}

void a2b_sc_put_unescaped(a2b_buf *out, const char *s, size_t n) {
  size_t from = 0;
  for (size_t i = 0; i + 5 <= n; i++) {
    bool open = s[i] == '{' && s[i + 1] == '{' && (s[i + 2] == '<' || s[i + 2] == '%') &&
                s[i + 3] == '/' && s[i + 4] == '*';
    bool close = s[i] == '*' && s[i + 1] == '/' && (s[i + 2] == '>' || s[i + 2] == '%') &&
                 s[i + 3] == '}' && s[i + 4] == '}';
    if (!open && !close) continue;
    a2b_buf_append(out, s + from, open ? i + 3 - from : i - from);
    from = i + (open ? 5 : 2);
    i += 4;
  }
  a2b_buf_append(out, s + from, n - from);
}

static const char *const inline_names[] = {"figure",  "image", "ref",      "relref", "link",
                                           "youtube", "vimeo", "bilibili", "x",      "tweet",
                                           "twitter", "gist",  "instagram"};

a2b_sc_kind a2b_sc_classify(const a2b_sc_tag *t) {
  for (size_t i = 0; i < sizeof inline_names / sizeof *inline_names; i++)
    if (strcmp(t->name, inline_names[i]) == 0) return A2B_SC_INLINE;
  if (strcmp(t->name, "admonition") == 0) return A2B_SC_ALERT;
  if (strcmp(t->name, "highlight") == 0 || strcmp(t->name, "mermaid") == 0 ||
      strcmp(t->name, "echarts") == 0 || strcmp(t->name, "plantuml") == 0)
    return A2B_SC_CODE;
  /* LoveIt typeit with code= animates a code block: keep it one. */
  if (strcmp(t->name, "typeit") == 0 && a2b_sc_arg_get(t, "code", -1)) return A2B_SC_CODE;
  return A2B_SC_UNKNOWN;
}

const char *a2b_sc_code_lang(const a2b_sc_tag *t) {
  if (strcmp(t->name, "mermaid") == 0) return "mermaid";
  if (strcmp(t->name, "echarts") == 0) return "json";
  if (strcmp(t->name, "plantuml") == 0) return "plantuml";
  if (strcmp(t->name, "typeit") == 0) return a2b_sc_arg_get(t, "code", -1);
  const char *lang = a2b_sc_arg_get(t, "lang", 0);
  return lang ? lang : "";
}

static const struct {
  const char *type, *kind;
} alert_kinds[] = {
    {"note", "NOTE"},       {"abstract", "NOTE"}, {"info", "NOTE"},      {"quote", "NOTE"},
    {"example", "NOTE"},    {"tip", "TIP"},       {"success", "TIP"},    {"question", "TIP"},
    {"warning", "WARNING"}, {"bug", "WARNING"},   {"danger", "CAUTION"}, {"failure", "CAUTION"},
};

/* Append s with line breaks folded to spaces. */
static void put_flat(a2b_buf *out, const char *s) {
  for (; *s; s++) {
    if (*s == '\r') continue;
    a2b_buf_putc(out, *s == '\n' ? ' ' : *s);
  }
}

void a2b_sc_put_alert_head(const a2b_sc_tag *t, a2b_buf *out) {
  const char *type = a2b_sc_arg_get(t, "type", 0);
  const char *title = a2b_sc_arg_get(t, "title", 1);
  const char *kind = "NOTE";
  for (size_t i = 0; type && i < sizeof alert_kinds / sizeof *alert_kinds; i++)
    if (strcmp(type, alert_kinds[i].type) == 0) kind = alert_kinds[i].kind;
  a2b_buf_printf(out, "[!%s]", kind);
  if (title && *title) {
    a2b_buf_putc(out, ' ');
    put_flat(out, title);
  }
}

/* Link or image text: flat, with brackets escaped. */
static void put_text(a2b_buf *out, const char *s) {
  for (; *s; s++) {
    if (*s == '[' || *s == ']') a2b_buf_putc(out, '\\');
    if (*s == '\r') continue;
    a2b_buf_putc(out, *s == '\n' ? ' ' : *s);
  }
}

/* `(dest "title")` */
static void put_target(a2b_buf *out, const char *dest, const char *title) {
  bool angle = strpbrk(dest, " ()") != NULL;
  a2b_buf_puts(out, angle ? "(<" : "(");
  for (const char *p = dest; *p; p++)
    if (*p != '\n' && *p != '\r' && *p != '<' && *p != '>') a2b_buf_putc(out, *p);
  if (angle) a2b_buf_putc(out, '>');
  if (title && *title) {
    a2b_buf_puts(out, " \"");
    for (const char *p = title; *p; p++) {
      if (*p == '"' || *p == '\\') a2b_buf_putc(out, '\\');
      if (*p != '\r') a2b_buf_putc(out, *p == '\n' ? ' ' : *p);
    }
    a2b_buf_putc(out, '"');
  }
  a2b_buf_putc(out, ')');
}

static void put_link(a2b_buf *out, const char *text, const char *dest, const char *title) {
  a2b_buf_putc(out, '[');
  put_text(out, text);
  a2b_buf_putc(out, ']');
  put_target(out, dest, title);
}

static const struct {
  const char *service, *label, *url_fmt; /* url_fmt NULL: the arg must be a URL */
} embeds[] = {
    {"youtube", "YouTube video", "https://www.youtube.com/watch?v=%s"},
    {"vimeo", "Vimeo video", "https://vimeo.com/%s"},
    {"bilibili", "Bilibili video", "https://www.bilibili.com/video/%s"},
    {"speakerdeck", "Speaker Deck slides", "https://speakerdeck.com/player/%s"},
    {"slideshare", "SlideShare slides", "https://www.slideshare.net/slideshow/embed_code/key/%s"},
    {"instagram", "Instagram post", "https://www.instagram.com/p/%s/"},
    {"codesandbox", "CodeSandbox", NULL},
    {"codepen", "CodePen", NULL},
    {"stackblitz", "StackBlitz", NULL},
    {"jsfiddle", "JSFiddle", NULL},
    {"figma", "Figma", NULL},
    {"tweet", "Tweet", NULL},
    {"gist", "Gist", NULL},
    {"docswell", "Docswell slides", NULL},
    {"card", NULL, NULL},
};

bool a2b_embed_link(a2b_buf *out, const char *service, const char *arg, size_t arg_len) {
  char *id = dup_n(arg, arg_len);
  bool url = strncmp(id, "https://", 8) == 0 || strncmp(id, "http://", 7) == 0;
  bool done = false;
  for (size_t i = 0; i < sizeof embeds / sizeof *embeds && !done; i++) {
    if (strcmp(service, embeds[i].service) != 0) continue;
    if (url || embeds[i].url_fmt) {
      a2b_buf text = A2B_BUF_INIT, dest = A2B_BUF_INIT;
      if (embeds[i].label) a2b_buf_printf(&text, "%s: ", embeds[i].label);
      a2b_buf_puts(&text, id);
      if (url)
        a2b_buf_puts(&dest, id);
      else
        a2b_buf_printf(&dest, embeds[i].url_fmt, id);
      put_link(out, a2b_buf_cstr(&text), a2b_buf_cstr(&dest), NULL);
      a2b_buf_free(&text);
      a2b_buf_free(&dest);
      done = true;
    }
  }
  if (!done && url) {
    put_link(out, id, id, NULL);
    done = true;
  }
  free(id);
  return done;
}

static bool expand_embed(const a2b_sc_tag *t, a2b_buf *out) {
  const char *id = a2b_sc_arg_get(t, "id", 0);
  if (!id) return false;
  a2b_buf full = A2B_BUF_INIT;
  a2b_buf_puts(&full, id);
  const char *page = strcmp(t->name, "bilibili") == 0 ? a2b_sc_arg_get(t, "p", 1) : NULL;
  if (page) a2b_buf_printf(&full, "?p=%s", page);
  bool ok = a2b_embed_link(out, t->name, full.data, full.len);
  a2b_buf_free(&full);
  return ok;
}

/* `[text](dest)` from two printf-built strings. */
static void put_built_link(a2b_buf *out, a2b_buf *text, a2b_buf *dest) {
  put_link(out, a2b_buf_cstr(text), a2b_buf_cstr(dest), NULL);
  a2b_buf_free(text);
  a2b_buf_free(dest);
}

bool a2b_sc_expand_inline(const a2b_sc_tag *t, a2b_buf *out) {
  const char *n = t->name;
  if (strcmp(n, "figure") == 0 || strcmp(n, "image") == 0) {
    const char *src = a2b_sc_arg_get(t, "src", 0);
    const char *caption = a2b_sc_arg_get(t, "caption", 2);
    const char *alt = a2b_sc_arg_get(t, "alt", 1);
    if (!src) return false;
    if (!caption) caption = a2b_sc_arg_get(t, "title", -1);
    if (!alt) alt = caption ? caption : "";
    a2b_buf_putc(out, '!');
    put_link(out, alt, src, caption);
    return true;
  }
  if (strcmp(n, "ref") == 0 || strcmp(n, "relref") == 0) {
    const char *path = a2b_sc_arg_get(t, "path", 0);
    if (!path) return false;
    put_flat(out, path);
    return true;
  }
  if (strcmp(n, "link") == 0) {
    const char *href = a2b_sc_arg_get(t, "href", 0);
    const char *content = a2b_sc_arg_get(t, "content", 1);
    if (!href) return false;
    put_link(out, content ? content : href, href, a2b_sc_arg_get(t, "title", 2));
    return true;
  }
  a2b_buf text = A2B_BUF_INIT, dest = A2B_BUF_INIT;
  if (strcmp(n, "x") == 0 || strcmp(n, "tweet") == 0 || strcmp(n, "twitter") == 0) {
    const char *user = a2b_sc_arg_get(t, "user", -1);
    const char *id = a2b_sc_arg_get(t, "id", 0);
    if (!id) return false;
    if (user) {
      a2b_buf_printf(&text, "Post by @%s", user);
      a2b_buf_printf(&dest, "https://x.com/%s/status/%s", user, id);
    } else {
      a2b_buf_printf(&text, "Post %s", id);
      a2b_buf_printf(&dest, "https://x.com/i/status/%s", id);
    }
    put_built_link(out, &text, &dest);
    return true;
  }
  if (strcmp(n, "gist") == 0) {
    const char *user = a2b_sc_arg_get(t, "user", 0), *id = a2b_sc_arg_get(t, "id", 1);
    if (!user || !id) return false;
    a2b_buf_printf(&text, "Gist: %s/%s", user, id);
    a2b_buf_printf(&dest, "https://gist.github.com/%s/%s", user, id);
    put_built_link(out, &text, &dest);
    return true;
  }
  return expand_embed(t, out);
}
