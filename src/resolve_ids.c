#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "resolve.h"
#include "utf8.h"

/* XML NameStartChar / NameChar (XML 1.0 fifth edition), so ids are valid in
 * XHTML and EPUB navigation documents. */
static bool name_start_char(uint32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
         (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
         (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || c == 0x200C ||
         c == 0x200D || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
         (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

static bool name_char(uint32_t c) {
  return name_start_char(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0x300 && c <= 0x36F) || c == 0x203F || c == 0x2040;
}

static void put_utf8(a2b_buf *b, uint32_t c) {
  char s[4];
  size_t n;
  if (c < 0x80) s[0] = (char)c, n = 1;
  else if (c < 0x800) s[0] = (char)(0xC0 | c >> 6), s[1] = (char)(0x80 | (c & 0x3F)), n = 2;
  else if (c < 0x10000)
    s[0] = (char)(0xE0 | c >> 12), s[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
    s[2] = (char)(0x80 | (c & 0x3F)), n = 3;
  else
    s[0] = (char)(0xF0 | c >> 18), s[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
    s[2] = (char)(0x80 | ((c >> 6) & 0x3F)), s[3] = (char)(0x80 | (c & 0x3F)), n = 4;
  a2b_buf_append(b, s, n);
}

/* A heading slug as Hugo (goldmark, GitHub style) makes it: lower case,
 * spaces to '-', punctuation dropped; letters of every script kept. */
static void slugify(a2b_buf *b, const char *text) {
  for (const char *p = text; *p;) {
    uint32_t c = a2b_utf8_next(&p);
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c == ' ' || c == '\t' || c == '-') a2b_buf_putc(b, '-');
    else if (c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) put_utf8(b, c);
    else if (c >= 0x80 && name_char(c) && !(c >= 0x3000 && c <= 0x303F) &&
             !(c >= 0xFF00 && c <= 0xFF0F) && !(c >= 0xFF1A && c <= 0xFF20) &&
             !(c >= 0x2000 && c <= 0x206F))
      put_utf8(b, c); /* letters; CJK and general punctuation dropped */
  }
}

/* Rewrite `id` in place into a valid XML name ('h' prefix if it must). */
static void make_name(a2b_buf *out, const char *id) {
  const char *p = id;
  bool first = true;
  while (*p) {
    uint32_t c = a2b_utf8_next(&p);
    if (first && !name_start_char(c)) a2b_buf_putc(out, 'h');
    if (name_char(c)) put_utf8(out, c);
    else a2b_buf_putc(out, '-');
    first = false;
  }
  if (first) a2b_buf_putc(out, 'h');
}

typedef struct id_pass {
  a2b_arena *arena;
  a2b_strmap *used;   /* every final id in the book */
  a2b_strmap *map;    /* this article: written id -> final id */
  a2b_buf buf;
} id_pass;

/* Claim `wanted` (or `wanted-2`, `-3`, ...) as a final id. */
static const char *claim(id_pass *p, const char *wanted) {
  a2b_buf_reset(&p->buf);
  /* The back ends name footnotes fn-aN-M and fnref-aN-M: keep clear. */
  if (!strncmp(wanted, "fn-a", 4) || !strncmp(wanted, "fnref-a", 7)) a2b_buf_puts(&p->buf, "h-");
  make_name(&p->buf, wanted);
  size_t base_len = p->buf.len;
  for (int n = 2; a2b_strmap_get(p->used, a2b_buf_cstr(&p->buf)); n++) {
    p->buf.len = base_len;
    a2b_buf_printf(&p->buf, "-%d", n);
  }
  const char *id = a2b_strdup(p->arena, a2b_buf_cstr(&p->buf));
  a2b_strmap_put(p->used, id, (void *)id);
  return id;
}

static void assign_ids(id_pass *p, a2b_node *n) {
  for (; n; n = n->next) {
    if (n->id) {
      const char *written = n->id;
      n->id = claim(p, written);
      if (!a2b_strmap_get(p->map, written)) a2b_strmap_put(p->map, written, (void *)n->id);
    } else if (n->type == A2B_NODE_HEADING) {
      a2b_buf slug = A2B_BUF_INIT;
      slugify(&slug, a2b_node_plain_text(p->arena, n));
      const char *written = slug.len ? a2b_strdup(p->arena, a2b_buf_cstr(&slug)) : "section";
      a2b_buf_free(&slug);
      n->id = claim(p, written);
      if (!a2b_strmap_get(p->map, written)) a2b_strmap_put(p->map, written, (void *)n->id);
    }
    assign_ids(p, n->first_child);
  }
}

typedef struct note_pass {
  a2b_strmap *defs; /* label -> FOOTNOTE_DEF */
  int next;
} note_pass;

static void number_refs(note_pass *p, a2b_node *n) {
  for (; n; n = n->next) {
    if (n->type == A2B_NODE_FOOTNOTE_REF && n->u.footnote.label) {
      a2b_node *def = a2b_strmap_get(p->defs, n->u.footnote.label);
      n->u.footnote.def = def;
      if (def) {
        if (!def->u.footnote.number) def->u.footnote.number = ++p->next;
        n->u.footnote.number = def->u.footnote.number;
      }
    }
    /* References inside definitions count in document order too. */
    number_refs(p, n->first_child);
  }
}

static void number_footnotes(a2b_article *art, a2b_diags *d) {
  note_pass p = {a2b_strmap_new(), 0};
  size_t n_defs = 0;
  for (a2b_node *n = art->body->first_child; n; n = n->next)
    if (n->type == A2B_NODE_FOOTNOTE_DEF && n->u.footnote.label) {
      a2b_strmap_put(p.defs, n->u.footnote.label, n);
      n_defs++;
    }
  if (n_defs) number_refs(&p, art->body->first_child);
  a2b_strmap_free(p.defs);
  if (!n_defs) return;

  /* Definitions move to the end, in number order; unreferenced ones go. */
  a2b_node *defs[n_defs];
  size_t k = 0;
  for (a2b_node *n = art->body->first_child, *next; n; n = next) {
    next = n->next;
    if (n->type != A2B_NODE_FOOTNOTE_DEF) continue;
    a2b_node_detach(n);
    if (!n->u.footnote.number) {
      a2b_report(d, A2B_WARNING, art->path, n->line, n->col,
                 "footnote '%s' is never referenced; left out", n->u.footnote.label);
      continue;
    }
    defs[k++] = n;
  }
  for (int num = 1; num <= p.next; num++)
    for (size_t i = 0; i < k; i++)
      if (defs[i]->u.footnote.number == num) a2b_node_append(art->body, defs[i]);
}

void a2b_resolve_ids(a2b_book *book, a2b_strmap **id_maps, a2b_diags *d) {
  id_pass p = {book->arena, a2b_strmap_new(), NULL, A2B_BUF_INIT};
  for (size_t i = 0; i < book->n_articles; i++) {
    a2b_article *art = book->articles[i];
    id_maps[i] = a2b_strmap_new();
    p.map = id_maps[i];
    assign_ids(&p, art->body->first_child);
    number_footnotes(art, d);
  }
  a2b_buf_free(&p.buf);
  a2b_strmap_free(p.used);
}
