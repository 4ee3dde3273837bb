/* The document model: the contract between the front half (scan, load,
 * resolve) and the back ends (EPUB, PDF).
 *
 * Ownership: every object reachable from an a2b_book (nodes, strings, lists,
 * resource bytes) lives in the book's arena and is freed by a2b_book_free().
 * After the resolve pass the model is read-only; back ends take a
 * `const a2b_book *`.
 *
 * Nothing from cmark, libyaml, libxml2, pango or cairo appears here. */
#ifndef ART2BOOK_DOC_H
#define ART2BOOK_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct a2b_arena a2b_arena;
typedef struct a2b_node a2b_node;
typedef struct a2b_article a2b_article;
typedef struct a2b_resource a2b_resource;
typedef struct a2b_book a2b_book;

/* ---- small value types ------------------------------------------------ */

/* A NULL-terminated-free list of strings: items[0..n). */
typedef struct a2b_strlist {
  const char **items;
  size_t n;
} a2b_strlist;

/* A calendar date as written in the source. `set` is false when absent.
 * has_time: hour/min/sec are meaningful. has_tz: tz_minutes is the offset
 * from UTC (e.g. +480 for +08:00); otherwise the time is floating. */
typedef struct a2b_date {
  bool set;
  bool has_time;
  bool has_tz;
  int year, month, day;
  int hour, min, sec;
  int tz_minutes;
} a2b_date;

/* One front matter key the model has no field for, flattened to text:
 * scalars as written, lists joined with ", ", maps as "k: v; ...". */
typedef struct a2b_meta {
  const char *key;
  const char *value;
} a2b_meta;

/* ---- nodes ------------------------------------------------------------- */

typedef enum a2b_node_type {
  /* blocks */
  A2B_NODE_DOCUMENT,
  A2B_NODE_PARAGRAPH,
  A2B_NODE_HEADING,        /* u.heading */
  A2B_NODE_CODE_BLOCK,     /* u.code (literal, lang, filename) */
  A2B_NODE_MATH_BLOCK,     /* u.literal: TeX source */
  A2B_NODE_QUOTE,
  A2B_NODE_ASIDE,          /* u.aside: admonition, alert, Zenn block */
  A2B_NODE_LIST,           /* u.list */
  A2B_NODE_ITEM,           /* u.item */
  A2B_NODE_TABLE,          /* u.table; children are rows */
  A2B_NODE_TABLE_ROW,      /* u.row; children are cells */
  A2B_NODE_TABLE_CELL,     /* u.cell */
  A2B_NODE_THEMATIC_BREAK,
  A2B_NODE_FIGURE,         /* children: one IMAGE, then an optional CAPTION */
  A2B_NODE_CAPTION,        /* inline children */
  A2B_NODE_FOOTNOTE_DEF,   /* u.footnote; block children */
  A2B_NODE_DIV,            /* generic block container from raw HTML */
  /* inlines */
  A2B_NODE_TEXT,           /* u.literal */
  A2B_NODE_SOFTBREAK,
  A2B_NODE_LINEBREAK,
  A2B_NODE_CODE,           /* u.literal */
  A2B_NODE_MATH_INLINE,    /* u.literal: TeX source */
  A2B_NODE_EMPH,
  A2B_NODE_STRONG,
  A2B_NODE_STRIKE,
  A2B_NODE_UNDERLINE,
  A2B_NODE_MARK,
  A2B_NODE_SUB,
  A2B_NODE_SUP,
  A2B_NODE_SMALL,
  A2B_NODE_RUBY,           /* children: base inlines, then RUBY_TEXT nodes */
  A2B_NODE_RUBY_TEXT,      /* inline children */
  A2B_NODE_SPAN,           /* generic inline container (keeps lang/class) */
  A2B_NODE_LINK,           /* u.link */
  A2B_NODE_IMAGE,          /* u.image; children: alt text inlines */
  A2B_NODE_FOOTNOTE_REF,   /* u.footnote */
  A2B_NODE__COUNT
} a2b_node_type;

typedef enum a2b_align {
  A2B_ALIGN_NONE,
  A2B_ALIGN_LEFT,
  A2B_ALIGN_CENTER,
  A2B_ALIGN_RIGHT
} a2b_align;

typedef enum a2b_aside_kind {
  A2B_ASIDE_NOTE,
  A2B_ASIDE_TIP,
  A2B_ASIDE_IMPORTANT,
  A2B_ASIDE_WARNING,
  A2B_ASIDE_CAUTION,
  A2B_ASIDE_DETAILS /* collapsible in the source (Zenn :::details, <details>) */
} a2b_aside_kind;

struct a2b_node {
  a2b_node_type type;
  a2b_node *parent, *first_child, *last_child, *prev, *next;
  int line, col;       /* 1-based position in the source file; 0 = unknown */
  const char *id;      /* NULL or unique within the book after resolve */
  const char *classes; /* NULL or space-separated class names */
  const char *lang;    /* NULL or a BCP 47 tag from raw HTML lang= */
  union {
    const char *literal; /* TEXT, CODE, MATH_INLINE, MATH_BLOCK */
    struct {
      int level; /* 1..6 */
    } heading;
    struct {
      const char *literal;  /* the code, ending with '\n' unless empty */
      const char *lang;     /* NULL or e.g. "ts" */
      const char *filename; /* NULL or e.g. "app.ts" (Zenn/Hugo caption) */
    } code;
    struct {
      a2b_aside_kind kind;
      const char *title; /* NULL or the author's title text */
    } aside;
    struct {
      bool ordered;
      bool tight;
      int start; /* first number of an ordered list */
    } list;
    struct {
      int task; /* 0 = not a task item, 1 = unchecked, 2 = checked */
    } item;
    struct {
      int ncols;
    } table;
    struct {
      bool header;
    } row;
    struct {
      a2b_align align;
    } cell;
    struct {
      const char *url;   /* as written (after shortcode expansion) */
      const char *title; /* NULL or the title attribute */
      /* Set by resolve for links into the book: */
      const a2b_article *target; /* NULL: external or unresolved */
      const char *fragment;      /* NULL or an id inside target */
    } link;
    struct {
      const char *src;   /* as written */
      const char *title; /* NULL or the title */
      int width, height; /* display size in CSS px from raw HTML; 0 = unset */
      const a2b_resource *res; /* set by resolve; NULL: missing/remote */
    } image;
    struct {
      const char *label; /* the source label, e.g. "1" for [^1] */
      int number;        /* 1-based, set by resolve, per article */
      a2b_node *def;     /* REF: its FOOTNOTE_DEF (NULL if undefined) */
    } footnote;
  } u;
};

/* ---- articles ---------------------------------------------------------- */

struct a2b_article {
  const char *path;     /* the source file as the user named it */
  const char *root;     /* the content root it was found under */
  const char *rel_path; /* path relative to root, '/'-separated */
  const char *slug;     /* front matter slug, else from the file name */
  size_t index;         /* position in reading order, set by resolve */

  /* metadata */
  const char *title;    /* never NULL after load */
  a2b_date date;
  a2b_date lastmod;
  a2b_strlist authors;
  const char *summary;  /* NULL if none */
  a2b_strlist tags;
  a2b_strlist categories;
  const char *lang;     /* BCP 47; never NULL after load */
  bool draft;
  bool has_weight;
  long weight;
  const char *thumbnail;  /* NULL or as written (thumbnail, image, featured_image,
                             featuredImage, cover[.image], else images[0]) */
  int thumbnail_line;     /* its file line; 0 = unknown */
  const a2b_resource *lead_image; /* the thumbnail embedded, set by resolve; NULL: none,
                                     not usable, or --no-lead-images */
  const char *source_url; /* NULL or as written */
  a2b_meta *extra;        /* keys the model has no field for */
  size_t n_extra;

  int body_line;   /* file line on which the body starts (1-based) */
  a2b_node *body;  /* A2B_NODE_DOCUMENT */
};

/* ---- resources --------------------------------------------------------- */

struct a2b_resource {
  const char *source;     /* absolute local path or http(s) URL it was read from; NULL for data: */
  const char *name;       /* path inside the EPUB, e.g. "images/3f2a....png" */
  const char *media_type; /* sniffed from the bytes, e.g. "image/png" */
  int width, height;      /* pixels; 0 when unknown */
  const unsigned char *data;
  size_t size;
};

/* ---- table of contents ------------------------------------------------- */

typedef struct a2b_toc_entry {
  int level;                  /* 0 = article, 1.. = heading depth below it */
  const char *title;          /* plain text */
  const a2b_article *article;
  const char *fragment;       /* NULL for the article itself */
} a2b_toc_entry;

/* ---- the book ---------------------------------------------------------- */

struct a2b_book {
  a2b_arena *arena;          /* owns the book and everything not below */
  a2b_arena **load_arenas;   /* own the articles loaded in parallel */
  size_t n_load_arenas;

  /* metadata (book.yaml, then command-line overrides) */
  const char *title;
  const char *subtitle;
  a2b_strlist authors;
  const char *lang;        /* BCP 47, never NULL after resolve */
  const char *identifier;  /* e.g. "urn:uuid:..."; set by resolve */
  const char *description;
  const char *publisher;
  const char *rights;
  a2b_date date;           /* publication date; may be unset */
  const a2b_resource *cover; /* NULL: no cover */
  bool draw_cover;         /* no cover file was given and no --no-cover: art2book draws
                              the cover (cover, when set, is that drawing for the EPUB) */

  a2b_article **articles;  /* reading order after resolve */
  size_t n_articles;

  a2b_resource **resources; /* each distinct file once, in first-use order */
  size_t n_resources;

  a2b_toc_entry *toc;       /* flattened, in reading order */
  size_t n_toc;
};

/* ---- model helpers (src/book.c, src/node.c) ---------------------------- */

/* An empty book with its own arena. Never NULL. */
a2b_book *a2b_book_new(void);
/* Free the book and everything in its arena. NULL is fine. */
void a2b_book_free(a2b_book *book);
/* Append `art` (allocated in the book's arena) to book->articles. */
void a2b_book_add_article(a2b_book *book, a2b_article *art);


/* A new node allocated in `arena`, all links and fields zero. Never NULL. */
a2b_node *a2b_node_new(a2b_arena *arena, a2b_node_type type, int line, int col);
/* Append `child` (detached) as the last child of `parent`. */
void a2b_node_append(a2b_node *parent, a2b_node *child);
/* Insert `node` (detached) right before `before`. */
void a2b_node_insert_before(a2b_node *before, a2b_node *node);
/* Unlink `node` from its parent and siblings; its subtree stays intact. */
void a2b_node_detach(a2b_node *node);
/* True for inline node types. */
bool a2b_node_is_inline(a2b_node_type type);
/* Stable lower-case name of a node type, e.g. "code_block". */
const char *a2b_node_type_name(a2b_node_type type);
/* Concatenated plain text of a subtree (TEXT, CODE, MATH literals; breaks
 * as spaces), allocated in arena. Never NULL. */
char *a2b_node_plain_text(a2b_arena *arena, const a2b_node *node);

#endif
