/* Rewrites of finished blocks: text merging, fence info strings, heading
 * attributes, alerts and figures. */
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "markdown_int.h"

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void a2b_markdown_merge_text(a2b_arena *arena, a2b_node *parent) {
  a2b_node *n = parent->first_child;
  while (n) {
    if (n->type != A2B_NODE_TEXT) {
      n = n->next;
      continue;
    }
    size_t total = 0, count = 0;
    a2b_node *end = n;
    for (; end && end->type == A2B_NODE_TEXT; end = end->next, count++)
      total += strlen(end->u.literal);
    if (count > 1 && total) {
      char *s = a2b_alloc(arena, total + 1), *p = s;
      for (a2b_node *t = n; t != end; t = t->next)
        p = stpcpy(p, t->u.literal);
      n->u.literal = s;
    }
    /* Keep `n` (now the whole run) unless the run is empty. */
    a2b_node *t = total ? n->next : n;
    while (t != end) {
      a2b_node *next = t->next;
      a2b_node_detach(t);
      t = next;
    }
    n = end;
  }
}

/* ---- fence info strings ------------------------------------------------ */

static const char *trimmed(a2b_arena *arena, const char *s, size_t n) {
  while (n && is_space(*s))
    s++, n--;
  while (n && is_space(s[n - 1]))
    n--;
  return n ? a2b_strndup(arena, s, n) : NULL;
}

/* The filename after the first ':' of s[0..n), up to an attribute block. */
static const char *filename_after_colon(a2b_arena *arena, const char *s, size_t n) {
  const char *colon = memchr(s, ':', n);
  if (!colon) return NULL;
  const char *start = colon + 1, *end = s + n;
  for (const char *p = start; p + 1 < end; p++)
    if (is_space(p[0]) && p[1] == '{') {
      end = p;
      break;
    }
  return trimmed(arena, start, (size_t)(end - start));
}

void a2b_markdown_code_info(a2b_arena *arena, a2b_node *code, const char *info) {
  size_t len = strlen(info);
  size_t w = 0;
  while (w < len && !is_space(info[w]))
    w++;
  const char *colon = memchr(info, ':', w);
  size_t lang_len = strcspn(info, ",{:");
  if (lang_len > w) lang_len = w;
  code->u.code.lang = trimmed(arena, info, lang_len);
  if (colon) {
    code->u.code.filename = filename_after_colon(arena, info, len);
    return;
  }
  /* "diff ts:./src/x.ts": the second word names the file. */
  const char *rest = info + w;
  while (*rest && is_space(*rest))
    rest++;
  size_t rw = strcspn(rest, " \t");
  if (*rest != '{' && memchr(rest, ':', rw))
    code->u.code.filename = filename_after_colon(arena, rest, strlen(rest));
}

/* ---- heading attributes ------------------------------------------------ */

static bool is_attr_char(char c) { return c && !is_space(c) && c != '{' && c != '}'; }

/* Parse "#id .a .b" (s[0..n)) into id/classes; false if malformed. */
static bool parse_attrs(a2b_arena *arena, const char *s, size_t n, const char **id,
                        const char **classes) {
  a2b_buf cls = A2B_BUF_INIT;
  size_t i = 0;
  bool ok = false;
  *id = NULL;
  for (;;) {
    while (i < n && is_space(s[i]))
      i++;
    if (i == n) break;
    char sigil = s[i++];
    size_t start = i;
    while (i < n && is_attr_char(s[i]))
      i++;
    if ((sigil != '#' && sigil != '.') || i == start || (i < n && !is_space(s[i]))) {
      ok = false;
      break;
    }
    ok = true;
    if (sigil == '#') {
      *id = a2b_strndup(arena, s + start, i - start);
    } else {
      if (cls.len) a2b_buf_putc(&cls, ' ');
      a2b_buf_append(&cls, s + start, i - start);
    }
  }
  *classes = ok && cls.len ? a2b_strdup(arena, a2b_buf_cstr(&cls)) : NULL;
  a2b_buf_free(&cls);
  return ok;
}

void a2b_markdown_heading_attrs(a2b_arena *arena, a2b_node *heading) {
  a2b_node *t = heading->last_child;
  if (!t || t->type != A2B_NODE_TEXT) return;
  const char *s = t->u.literal;
  size_t end = strlen(s);
  while (end && is_space(s[end - 1]))
    end--;
  if (!end || s[end - 1] != '}') return;
  size_t open = end - 1;
  while (open && s[open - 1] != '{')
    open--;
  if (!open) return;
  open--;
  const char *id, *classes;
  if (!parse_attrs(arena, s + open + 1, end - 1 - (open + 1), &id, &classes)) return;
  heading->id = id;
  heading->classes = classes;
  while (open && is_space(s[open - 1]))
    open--;
  if (open)
    t->u.literal = a2b_strndup(arena, s, open);
  else
    a2b_node_detach(t);
}

/* ---- alerts ------------------------------------------------------------ */

static const struct {
  const char *name;
  a2b_aside_kind kind;
} alert_kinds[] = {
    {"NOTE", A2B_ASIDE_NOTE},           {"TIP", A2B_ASIDE_TIP},
    {"IMPORTANT", A2B_ASIDE_IMPORTANT}, {"WARNING", A2B_ASIDE_WARNING},
    {"CAUTION", A2B_ASIDE_CAUTION},     {"DETAILS", A2B_ASIDE_DETAILS},
};

/* The kind named by a leading "[!KIND]" in s; *after points past it. */
static bool alert_marker(const char *s, a2b_aside_kind *kind, const char **after) {
  if (strncmp(s, "[!", 2) != 0) return false;
  const char *close = strchr(s + 2, ']');
  if (!close || (close[1] && !is_space(close[1]))) return false;
  size_t n = (size_t)(close - (s + 2));
  for (size_t i = 0; i < sizeof alert_kinds / sizeof *alert_kinds; i++) {
    if (strlen(alert_kinds[i].name) == n && strncasecmp(s + 2, alert_kinds[i].name, n) == 0) {
      *kind = alert_kinds[i].kind;
      *after = close + 1;
      return true;
    }
  }
  return false;
}

/* Wiki.js: a quote whose last line is "{.is-info}" (-success, -warning,
 * -danger) is an alert of that kind; the line goes. */
static bool wikijs_alert(a2b_node *quote) {
  static const struct {
    const char *line;
    a2b_aside_kind kind;
  } classes[] = {{"{.is-info}", A2B_ASIDE_NOTE},
                 {"{.is-success}", A2B_ASIDE_TIP},
                 {"{.is-warning}", A2B_ASIDE_WARNING},
                 {"{.is-danger}", A2B_ASIDE_CAUTION}};
  a2b_node *para = quote->last_child, *t = para ? para->last_child : NULL;
  if (!t || para->type != A2B_NODE_PARAGRAPH || t->type != A2B_NODE_TEXT) return false;
  if (t->prev && t->prev->type != A2B_NODE_SOFTBREAK && t->prev->type != A2B_NODE_LINEBREAK)
    return false;
  for (size_t i = 0; i < sizeof classes / sizeof *classes; i++) {
    if (strcmp(t->u.literal, classes[i].line) != 0) continue;
    if (t->prev) a2b_node_detach(t->prev);
    a2b_node_detach(t);
    if (!para->first_child) a2b_node_detach(para);
    quote->type = A2B_NODE_ASIDE;
    quote->u.aside.kind = classes[i].kind;
    quote->u.aside.title = NULL;
    return true;
  }
  return false;
}

void a2b_markdown_alert(a2b_arena *arena, a2b_node *quote) {
  if (wikijs_alert(quote)) return;
  a2b_node *para = quote->first_child;
  if (!para || para->type != A2B_NODE_PARAGRAPH) return;
  a2b_node *t = para->first_child;
  a2b_aside_kind kind;
  const char *after;
  if (!t || t->type != A2B_NODE_TEXT || !alert_marker(t->u.literal, &kind, &after)) return;

  /* The title: the rest of the marker line, as plain text. */
  a2b_buf title = A2B_BUF_INIT;
  a2b_buf_puts(&title, after);
  a2b_node *n = t->next;
  a2b_node_detach(t);
  while (n && n->type != A2B_NODE_SOFTBREAK && n->type != A2B_NODE_LINEBREAK) {
    a2b_node *next = n->next;
    a2b_buf_puts(&title, a2b_node_plain_text(arena, n));
    a2b_node_detach(n);
    n = next;
  }
  if (n) a2b_node_detach(n);
  if (!para->first_child) a2b_node_detach(para);

  quote->type = A2B_NODE_ASIDE;
  quote->u.aside.kind = kind;
  quote->u.aside.title = trimmed(arena, a2b_buf_cstr(&title), title.len);
  a2b_buf_free(&title);
}

/* ---- figures ----------------------------------------------------------- */

static bool blank_text(const a2b_node *n) {
  if (n->type != A2B_NODE_TEXT) return false;
  for (const char *p = n->u.literal; *p; p++)
    if (!is_space(*p)) return false;
  return true;
}

void a2b_markdown_figure(a2b_arena *arena, a2b_node *para) {
  a2b_node *img = NULL;
  for (a2b_node *n = para->first_child; n; n = n->next) {
    if (blank_text(n)) continue;
    if (n->type != A2B_NODE_IMAGE || img) return;
    img = n;
  }
  if (!img || !img->u.image.title) return;
  while (para->first_child != img)
    a2b_node_detach(para->first_child);
  while (para->last_child != img)
    a2b_node_detach(para->last_child);
  para->type = A2B_NODE_FIGURE;
  a2b_node *cap = a2b_node_new(arena, A2B_NODE_CAPTION, img->line, img->col);
  a2b_node *text = a2b_node_new(arena, A2B_NODE_TEXT, img->line, img->col);
  text->u.literal = img->u.image.title;
  a2b_node_append(cap, text);
  a2b_node_append(para, cap);
}
