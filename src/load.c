/* Loading one article: file -> front matter -> preprocess -> Markdown. */
#include "load.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "fileio.h"
#include "frontmatter.h"
#include "lang.h"
#include "markdown.h"
#include "preprocess.h"
#include "utf8.h"

enum { MAX_ARTICLE_BYTES = 32 * 1024 * 1024 };

void a2b_load_diag(a2b_load_ctx *ctx, a2b_severity sev, int body_line, int col,
                   const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int line = body_line > 0 ? body_line + ctx->line_offset : 0;
  a2b_vreport(ctx->diags, sev, ctx->art->path, line, line ? col : 0, fmt, ap);
  va_end(ap);
}

/* The file name without folders and extension; "index" gives its folder. */
static const char *file_stem(a2b_arena *arena, const char *rel_path) {
  const char *name = strrchr(rel_path, '/');
  name = name ? name + 1 : rel_path;
  size_t len = strcspn(name, ".");
  if (len == 5 && !strncmp(name, "index", 5) && name != rel_path) {
    const char *end = name - 1, *start = end;
    while (start > rel_path && start[-1] != '/') start--;
    return a2b_strndup(arena, start, (size_t)(end - start));
  }
  return a2b_strndup(arena, name, len);
}

/* Han and kana characters in the prose of a subtree (code is not prose).
 * The katakana middle dot is left out: Chinese text uses it too. */
static void count_scripts(const a2b_node *n, size_t *han, size_t *kana) {
  if (n->type == A2B_NODE_CODE_BLOCK || n->type == A2B_NODE_CODE ||
      n->type == A2B_NODE_MATH_BLOCK || n->type == A2B_NODE_MATH_INLINE)
    return;
  if (n->type == A2B_NODE_TEXT && n->u.literal) {
    for (const char *p = n->u.literal; *p;) {
      uint32_t c = a2b_utf8_next(&p);
      if (a2b_is_kana(c) && c != 0x30FB) (*kana)++;
      else if (a2b_is_han(c)) (*han)++;
    }
    return;
  }
  for (const a2b_node *c = n->first_child; c; c = c->next) count_scripts(c, han, kana);
}

static const char *detect_lang(a2b_arena *arena, const a2b_article *art, const char *book_lang) {
  size_t han = 0, kana = 0;
  count_scripts(art->body, &han, &kana);
  if (art->title) {
    a2b_node t = {.type = A2B_NODE_TEXT, .u.literal = art->title};
    count_scripts(&t, &han, &kana);
  }
  /* Japanese prose is kana for a third or more; a Chinese article may quote
   * a Japanese name or two. */
  bool ja = kana >= 3 && kana * 10 >= han + kana;
  const char *want = ja ? "ja" : han || kana ? "zh" : NULL;
  if (!want) {
    /* No Han or kana: not Chinese or Japanese whatever the book is; English
     * is the best guess for Latin text in a CJK book. */
    bool cjk_book = book_lang && (!strncmp(book_lang, "zh", 2) || !strncmp(book_lang, "ja", 2) ||
                                  !strncmp(book_lang, "ko", 2));
    return book_lang && !cjk_book ? book_lang : "en";
  }
  /* Prefer the book's regional form of the same language (zh -> zh-CN). */
  if (book_lang && !strncmp(book_lang, want, 2) && (book_lang[2] == '-' || !book_lang[2]))
    return book_lang;
  return a2b_strdup(arena, want);
}

/* Title from the first heading when the front matter has none; a leading
 * heading that repeats the title is dropped either way. */
static void settle_title(a2b_arena *arena, a2b_article *art) {
  a2b_node *first = art->body->first_child;
  if (art->title) {
    if (first && first->type == A2B_NODE_HEADING && first->u.heading.level == 1 &&
        !strcmp(a2b_node_plain_text(arena, first), art->title))
      a2b_node_detach(first);
    return;
  }
  for (a2b_node *n = first; n; n = n->next) {
    if (n->type != A2B_NODE_HEADING) continue;
    const char *text = a2b_node_plain_text(arena, n);
    if (*text) {
      art->title = text;
      a2b_node_detach(n);
    }
    break;
  }
  if (!art->title) art->title = file_stem(arena, art->rel_path);
}

a2b_article *a2b_load_article(a2b_arena *arena, const a2b_scan_entry *e, const a2b_options *opts,
                              const char *book_lang, a2b_diags *diags, bool *failed) {
  *failed = false;
  size_t len;
  char *err;
  char *text = a2b_read_file(e->path, MAX_ARTICLE_BYTES, &len, &err);
  if (!text) {
    a2b_report(diags, A2B_ERROR, e->path, 0, 0, "%s; article skipped", err);
    free(err);
    *failed = true;
    return NULL;
  }
  a2b_article *art = a2b_alloc(arena, sizeof *art);
  art->path = a2b_strdup(arena, e->path);
  art->root = a2b_strdup(arena, e->root);
  art->rel_path = a2b_strdup(arena, e->rel_path);
  a2b_load_ctx ctx = {arena, art, diags, opts, 0};

  char *clean = a2b_utf8_sanitize(text, &len);
  if (clean != text) {
    a2b_report(diags, A2B_WARNING, e->path, 0, 0,
               "invalid UTF-8 or NUL bytes replaced with U+FFFD");
    free(text);
    text = clean;
  }

  size_t body_off = 0;
  int body_line = 1;
  if (!a2b_frontmatter_parse(arena, art, e->path, text, len, &body_off, &body_line, diags)) {
    free(text);
    *failed = true;
    return NULL;
  }
  if (art->draft && !opts->drafts) {
    if (opts->verbose)
      a2b_report(diags, A2B_NOTE, e->path, 0, 0, "draft left out (--drafts includes it)");
    free(text);
    return NULL;
  }
  art->body_line = body_line;
  ctx.line_offset = body_line - 1;
  if (art->lang) art->lang = a2b_lang_canonical(arena, art->lang);
  else if (e->lang) art->lang = a2b_lang_canonical(arena, e->lang);

  size_t pre_len;
  char *pre = a2b_preprocess(&ctx, text + body_off, len - body_off, &pre_len);
  free(text);
  a2b_markdown_parse(&ctx, pre, pre_len);
  free(pre);

  settle_title(arena, art);
  if (!art->lang) art->lang = detect_lang(arena, art, book_lang);
  if (!art->slug) art->slug = file_stem(arena, art->rel_path);
  if (!art->date.set) a2b_date_from_path(art->rel_path, &art->date);
  return art;
}
