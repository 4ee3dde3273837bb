/* EPUB 3 packaging: OPF, nav, NCX, cover page and the zip container. */
#include "epub.h"


#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>

#include "arena.h"
#include "atomic.h"
#include "buf.h"
#include "fileio.h"
#include "date.h"
#include "epub_parts.h"
#include "styles.h"
#include "xhtml.h"

#define MAX_SUBJECTS 30
#define MAX_CREATORS 20

typedef struct words {
  const char *toc, *start, *cover;
} words;

static words words_for(const char *lang) {
  if (lang && !strncmp(lang, "zh", 2)) return (words){"目录", "正文", "封面"};
  if (lang && !strncmp(lang, "ja", 2)) return (words){"目次", "本文", "表紙"};
  return (words){"Contents", "Start", "Cover"};
}

/* Everything the package files need, decided once. */
typedef struct pkg {
  const a2b_book *book;
  const a2b_xhtml_plan *plan;
  const char *lang, *title, *identifier;
  const a2b_resource *cover;  /* NULL: none (or not a core image type) */
  const a2b_resource **media; /* resources to package, cover included */
  size_t n_media;
  time_t when;
  words w;
} pkg;

static void put(a2b_buf *b, const char *s) { a2b_buf_puts(b, s); }
static void text(a2b_buf *b, const char *s) { a2b_xhtml_put_text(b, s ? s : ""); }

/* ---- metadata helpers ---------------------------------------------------- */

/* SOURCE_DATE_EPOCH when set and valid, else now. */
static time_t build_time(a2b_diags *d) {
  const char *s = getenv("SOURCE_DATE_EPOCH");
  if (!s || !*s) return time(NULL);
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || *end || v < 0) {
    a2b_report(d, A2B_WARNING, NULL, 0, 0,
               "invalid SOURCE_DATE_EPOCH '%s' (using the current time)", s);
    return time(NULL);
  }
  return (time_t)v;
}

typedef struct counted {
  const char *s;
  size_t first, count;
} counted;

static int by_text(const void *a, const void *b) {
  const counted *x = a, *y = b;
  int c = strcmp(x->s, y->s);
  return c ? c : (x->first > y->first) - (x->first < y->first);
}

static int by_count(const void *a, const void *b) {
  const counted *x = a, *y = b;
  if (x->count != y->count) return x->count < y->count ? 1 : -1;
  return (x->first > y->first) - (x->first < y->first);
}

/* The distinct non-empty strings of every article's list at `offset`, most
 * frequent first (ties: first seen first), at most `max`. Free the result. */
static counted *top_strings(const a2b_book *book, size_t offset, size_t max, size_t *n_out) {
  size_t n = 0, cap = 16;
  counted *all = a2b_xmalloc(cap * sizeof *all);
  for (size_t i = 0; i < book->n_articles; i++) {
    const a2b_strlist *l = (const a2b_strlist *)((const char *)book->articles[i] + offset);
    for (size_t j = 0; j < l->n; j++) {
      if (!l->items[j] || !*l->items[j]) continue;
      if (n == cap) all = a2b_xrealloc(all, (cap *= 2) * sizeof *all);
      all[n] = (counted){l->items[j], n, 1};
      n++;
    }
  }
  qsort(all, n, sizeof *all, by_text);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (m && !strcmp(all[m - 1].s, all[i].s))
      all[m - 1].count++;
    else
      all[m++] = all[i];
  }
  qsort(all, m, sizeof *all, by_count);
  *n_out = m < max ? m : max;
  return all;
}

/* W3CDTF for dc:date: with the time only when its zone is known. */
static void put_w3c_date(a2b_buf *b, const a2b_date *d) {
  char s[32];
  a2b_date_format(d, d->has_time && d->has_tz, s);
  text(b, s);
}

static const a2b_date *book_date(const a2b_book *book) {
  if (book->date.set) return &book->date;
  const a2b_date *best = NULL;
  for (size_t i = 0; i < book->n_articles; i++) {
    const a2b_date *d = &book->articles[i]->date;
    if (d->set && (!best || a2b_date_epoch(d) > a2b_date_epoch(best))) best = d;
  }
  return best;
}

/* ---- package document ---------------------------------------------------- */

static void meta(a2b_buf *b, const char *property, const char *value) {
  a2b_buf_printf(b, "    <meta property=\"%s\">", property);
  text(b, value);
  put(b, "</meta>\n");
}

static void dc(a2b_buf *b, const char *name, const char *value) {
  a2b_buf_printf(b, "    <dc:%s>", name);
  text(b, value);
  a2b_buf_printf(b, "</dc:%s>\n", name);
}

static void opf_metadata(a2b_buf *b, const pkg *p) {
  const a2b_book *book = p->book;
  put(b, "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
  put(b, "    <dc:identifier id=\"pub-id\">");
  text(b, p->identifier);
  put(b, "</dc:identifier>\n");
  dc(b, "title", p->title);
  dc(b, "language", p->lang);
  if (book->authors.n) {
    for (size_t i = 0; i < book->authors.n; i++)
      dc(b, "creator", book->authors.items[i]);
  } else {
    size_t n;
    counted *c = top_strings(book, offsetof(a2b_article, authors), MAX_CREATORS, &n);
    for (size_t i = 0; i < n; i++)
      dc(b, "creator", c[i].s);
    free(c);
  }
  const a2b_date *date = book_date(book);
  if (date) {
    put(b, "    <dc:date>");
    put_w3c_date(b, date);
    put(b, "</dc:date>\n");
  }
  if (book->description && *book->description) dc(b, "description", book->description);
  if (book->publisher && *book->publisher) dc(b, "publisher", book->publisher);
  if (book->rights && *book->rights) dc(b, "rights", book->rights);
  size_t n_tags;
  counted *tags = top_strings(book, offsetof(a2b_article, tags), MAX_SUBJECTS, &n_tags);
  for (size_t i = 0; i < n_tags; i++)
    dc(b, "subject", tags[i].s);
  free(tags);

  char modified[32];
  struct tm tm;
  gmtime_r(&p->when, &tm);
  strftime(modified, sizeof modified, "%Y-%m-%dT%H:%M:%SZ", &tm);
  meta(b, "dcterms:modified", modified);

  bool visual = p->plan->n_images > 0 || p->cover;
  /* the cover page's image always carries the title as its alt text */
  bool all_alt = visual && p->plan->n_images_alt == p->plan->n_images;
  meta(b, "schema:accessMode", "textual");
  if (visual) meta(b, "schema:accessMode", "visual");
  meta(b, "schema:accessModeSufficient", "textual");
  meta(b, "schema:accessibilityFeature", "structuralNavigation");
  meta(b, "schema:accessibilityFeature", "tableOfContents");
  if (all_alt) meta(b, "schema:accessibilityFeature", "alternativeText");
  meta(b, "schema:accessibilityHazard", "none");
  meta(b, "schema:accessibilitySummary",
       !visual   ? "Articles with headings and a table of contents; the text is the whole content."
       : all_alt ? "Articles with headings, a table of contents and images that carry text "
                   "alternatives."
                 : "Articles with headings, a table of contents and images; some images have "
                   "no text alternative.");
  if (p->cover) put(b, "    <meta name=\"cover\" content=\"cover-image\"/>\n");
  put(b, "  </metadata>\n");
}

static void item(a2b_buf *b, const char *id, const char *href, const char *type,
                 const char *props) {
  a2b_buf_printf(b, "    <item id=\"%s\" href=\"", id);
  a2b_xhtml_put_url(b, href);
  put(b, "\" media-type=\"");
  text(b, type);
  put(b, "\"");
  if (props) a2b_buf_printf(b, " properties=\"%s\"", props);
  put(b, "/>\n");
}

/* Manifest id of an XHTML part: "t-a0001-2" for "a0001-2.xhtml". */
static void part_id(char *out, size_t n, const a2b_xhtml_part *part) {
  snprintf(out, n, "t-%.*s", (int)(strlen(part->name) - 6), part->name);
}

static char *build_opf(const pkg *p, bool user_css) {
  a2b_buf b = A2B_BUF_INIT;
  put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
          "unique-identifier=\"pub-id\" xml:lang=\"");
  text(&b, p->lang);
  put(&b, "\">\n");
  opf_metadata(&b, p);

  put(&b, "  <manifest>\n");
  item(&b, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
  item(&b, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
  item(&b, "css", "styles/epub.css", "text/css", NULL);
  if (user_css) item(&b, "user-css", "styles/user.css", "text/css", NULL);
  if (p->cover) item(&b, "cover", "text/cover.xhtml", "application/xhtml+xml", NULL);
  char id[64], href[80];
  for (size_t i = 0; i < p->plan->n_parts; i++) {
    part_id(id, sizeof id, &p->plan->parts[i]);
    snprintf(href, sizeof href, A2B_XHTML_DIR "%s", p->plan->parts[i].name);
    item(&b, id, href, "application/xhtml+xml", NULL);
  }
  for (size_t i = 0; i < p->n_media; i++) {
    const a2b_resource *r = p->media[i];
    if (r == p->cover) {
      item(&b, "cover-image", r->name, r->media_type, "cover-image");
    } else {
      snprintf(id, sizeof id, "r%zu", i + 1);
      item(&b, id, r->name, r->media_type, NULL);
    }
  }
  put(&b, "  </manifest>\n  <spine toc=\"ncx\">\n");
  if (p->cover) put(&b, "    <itemref idref=\"cover\"/>\n");
  put(&b, "    <itemref idref=\"nav\"/>\n");
  for (size_t i = 0; i < p->plan->n_parts; i++) {
    part_id(id, sizeof id, &p->plan->parts[i]);
    a2b_buf_printf(&b, "    <itemref idref=\"%s\"/>\n", id);
  }
  put(&b, "  </spine>\n</package>\n");
  return a2b_buf_take(&b);
}

/* ---- navigation ---------------------------------------------------------- */

typedef struct nav_entry {
  int depth; /* nesting: 0.., at most one more than the entry before */
  const char *title;
  char *href; /* relative to OEBPS/, percent-encoded */
} nav_entry;

/* The table of contents (book->toc, else one entry per article) with
 * nesting depths that never skip a level. Free with free_nav(). */
static nav_entry *nav_entries(const pkg *p, size_t *n_out) {
  const a2b_book *book = p->book;
  size_t n = book->n_toc ? book->n_toc : book->n_articles;
  nav_entry *e = a2b_xmalloc((n ? n : 1) * sizeof *e);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    const a2b_article *art = book->n_toc ? book->toc[i].article : book->articles[i];
    const char *frag = book->n_toc ? book->toc[i].fragment : NULL;
    int level = book->n_toc ? book->toc[i].level : 0;
    const char *title = book->n_toc ? book->toc[i].title : art->title;
    if (!title || !*title) title = art ? art->title : NULL;
    if (!title || !*title) title = "\xE2\x80\x94";
    char *href = art ? a2b_xhtml_href(p->plan, art, frag) : NULL;
    if (!href) continue;
    int max = m ? e[m - 1].depth + 1 : 0;
    e[m].depth = level < 0 ? 0 : level > max ? max : level;
    e[m].title = title;
    size_t len = strlen(href) + sizeof A2B_XHTML_DIR;
    e[m].href = a2b_xmalloc(len);
    snprintf(e[m].href, len, A2B_XHTML_DIR "%s", href);
    free(href);
    m++;
  }
  *n_out = m;
  return e;
}

static void free_nav(nav_entry *e, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(e[i].href);
  free(e);
}

static const char *xhtml_head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
    "lang=\"%s\" xml:lang=\"%s\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>";

static char *build_nav(const pkg *p, const nav_entry *e, size_t n) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_printf(&b, xhtml_head, p->lang, p->lang);
  text(&b, p->w.toc);
  put(&b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"styles/epub.css\"/>\n"
          "</head>\n<body>\n<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>");
  text(&b, p->w.toc);
  put(&b, "</h1>\n<ol>\n");
  for (size_t i = 0; i < n; i++) {
    if (i && e[i].depth > e[i - 1].depth) {
      put(&b, "\n<ol>\n");
    } else if (i) {
      put(&b, "</li>\n");
      for (int k = e[i].depth; k < e[i - 1].depth; k++)
        put(&b, "</ol>\n</li>\n");
    }
    put(&b, "<li><a href=\"");
    put(&b, e[i].href);
    put(&b, "\">");
    text(&b, e[i].title);
    put(&b, "</a>");
  }
  if (n) {
    put(&b, "</li>\n");
    for (int k = 0; k < e[n - 1].depth; k++)
      put(&b, "</ol>\n</li>\n");
  }
  put(&b,
      "</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n");
  if (p->cover) {
    put(&b, "<li><a epub:type=\"cover\" href=\"" A2B_XHTML_DIR "cover.xhtml\">");
    text(&b, p->w.cover);
    put(&b, "</a></li>\n");
  }
  put(&b, "<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">");
  text(&b, p->w.toc);
  put(&b, "</a></li>\n");
  put(&b, "<li><a epub:type=\"bodymatter\" href=\"" A2B_XHTML_DIR);
  a2b_xhtml_put_url(&b, p->plan->parts[0].name);
  put(&b, "\">");
  text(&b, p->w.start);
  put(&b, "</a></li>\n</ol>\n</nav>\n</body>\n</html>\n");
  return a2b_buf_take(&b);
}

/* qsort_r: indices into a nav_entry array, by href, then by index. */
static int by_href(const void *a, const void *b, void *entries) {
  const nav_entry *e = entries;
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  int c = strcmp(e[x].href, e[y].href);
  return c ? c : (x > y) - (x < y);
}

/* Entries with the same target share a play order (as NCX requires), in
 * order of first appearance: 1, 2, ... Free the result. */
static int *play_order(const nav_entry *e, size_t n) {
  size_t *idx = a2b_xmalloc((n ? n : 1) * sizeof *idx);
  int *order = a2b_xmalloc((n ? n : 1) * sizeof *order);
  for (size_t i = 0; i < n; i++)
    idx[i] = i;
  qsort_r(idx, n, sizeof *idx, by_href, (void *)e);
  /* first, order[i] is the earliest entry with e[i]'s target */
  for (size_t k = 0; k < n; k++) {
    bool same = k && !strcmp(e[idx[k]].href, e[idx[k - 1]].href);
    order[idx[k]] = same ? order[idx[k - 1]] : (int)idx[k];
  }
  int next = 0;
  for (size_t i = 0; i < n; i++)
    order[i] = (size_t)order[i] == i ? ++next : order[order[i]];
  free(idx);
  return order;
}

static char *build_ncx(const pkg *p, const nav_entry *e, size_t n) {
  a2b_buf b = A2B_BUF_INIT;
  int depth = 0;
  for (size_t i = 0; i < n; i++)
    if (e[i].depth + 1 > depth) depth = e[i].depth + 1;
  put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"");
  text(&b, p->lang);
  put(&b, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"");
  text(&b, p->identifier);
  a2b_buf_printf(&b,
                 "\"/>\n<meta name=\"dtb:depth\" content=\"%d\"/>\n"
                 "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
                 "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n<docTitle><text>",
                 depth ? depth : 1);
  text(&b, p->title);
  put(&b, "</text></docTitle>\n<navMap>\n");
  int *order = play_order(e, n);
  for (size_t i = 0; i < n; i++) {
    if (i && e[i].depth <= e[i - 1].depth)
      for (int k = e[i].depth; k <= e[i - 1].depth; k++)
        put(&b, "</navPoint>\n");
    a2b_buf_printf(&b, "<navPoint id=\"np%zu\" playOrder=\"%d\"><navLabel><text>", i + 1, order[i]);
    text(&b, e[i].title);
    put(&b, "</text></navLabel><content src=\"");
    put(&b, e[i].href);
    put(&b, "\"/>\n");
  }
  if (n)
    for (int k = 0; k <= e[n - 1].depth; k++)
      put(&b, "</navPoint>\n");
  free(order);
  put(&b, "</navMap>\n</ncx>\n");
  return a2b_buf_take(&b);
}

static char *build_cover(const pkg *p) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_printf(&b, xhtml_head, p->lang, p->lang);
  text(&b, p->w.cover);
  put(&b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"../styles/epub.css\"/>\n"
          "</head>\n<body class=\"cover\">\n<section epub:type=\"cover\" class=\"cover\">\n"
          "<img src=\"../");
  a2b_xhtml_put_url(&b, p->cover->name);
  put(&b, "\" alt=\"");
  text(&b, p->title);
  put(&b, "\"/>\n</section>\n</body>\n</html>\n");
  return a2b_buf_take(&b);
}

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

/* ---- media selection ------------------------------------------------------ */

static bool packageable(const char *t) {
  static const char *const fonts[] = {"font/ttf",
                                      "font/otf",
                                      "font/woff",
                                      "font/woff2",
                                      "application/font-sfnt",
                                      "application/vnd.ms-opentype",
                                      "application/font-woff"};
  if (a2b_xhtml_core_image(t)) return true;
  for (size_t i = 0; t && i < sizeof fonts / sizeof *fonts; i++)
    if (!strcmp(t, fonts[i])) return true;
  return false;
}

/* The resources to package (core media types only, each once, the cover
 * too); warns about the others, which the XHTML writer does not embed. */
static void select_media(pkg *p, a2b_diags *d) {
  const a2b_book *book = p->book;
  p->media = a2b_xmalloc((book->n_resources + 1) * sizeof *p->media);
  p->n_media = 0;
  p->cover = NULL;
  for (size_t i = 0; i <= book->n_resources; i++) {
    const a2b_resource *r = i < book->n_resources ? book->resources[i] : book->cover;
    if (!r || (i == book->n_resources && p->cover)) continue;
    if (!r->name || !r->data) continue;
    if (!packageable(r->media_type)) {
      a2b_report(d, A2B_WARNING, r->source, 0, 0,
                 "%s has media type '%s', which EPUB readers need not support (left out)",
                 r == book->cover ? "cover" : "resource", r->media_type ? r->media_type : "?");
      continue;
    }
    if (r == book->cover) {
      if (!a2b_xhtml_core_image(r->media_type)) continue;
      p->cover = r;
    }
    p->media[p->n_media++] = r;
  }
}

/* ---- the container --------------------------------------------------------- */

typedef struct zipper {
  zip_t *za;
  zip_uint16_t dtime, ddate;
  const char *error; /* first failure, NULL while all is well */
} zipper;

/* Add `name` from `src` (taken, even on failure) with the book's time and no
 * extra fields; with `store`, uncompressed, else as the source has it. */
static void zadd(zipper *z, const char *name, zip_source_t *src, bool store) {
  if (!src) {
    if (!z->error) z->error = zip_strerror(z->za);
    return;
  }
  if (z->error) {
    zip_source_free(src);
    return;
  }
  zip_int64_t idx = zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(src);
    z->error = zip_strerror(z->za);
    return;
  }
  zip_uint64_t i = (zip_uint64_t)idx;
  if ((store && zip_set_file_compression(z->za, i, ZIP_CM_STORE, 0) != 0) ||
      zip_file_set_dostime(z->za, i, z->dtime, z->ddate, 0) != 0)
    z->error = zip_strerror(z->za);
  /* libzip adds no extra fields to these sources; make sure of it. */
  else if (zip_file_extra_fields_count(z->za, i, ZIP_FL_CENTRAL | ZIP_FL_LOCAL) > 0 &&
           zip_file_extra_field_delete(z->za, i, ZIP_EXTRA_FIELD_ALL,
                                       ZIP_FL_CENTRAL | ZIP_FL_LOCAL) != 0)
    z->error = zip_strerror(z->za);
}

/* MS-DOS date and time of `t` in UTC (libzip would use local time). */
static void dos_time(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate) {
  struct tm tm;
  gmtime_r(&t, &tm);
  if (tm.tm_year < 80) tm = (struct tm){.tm_year = 80, .tm_mday = 1};
  if (tm.tm_year > 207)
    tm = (struct tm){
        .tm_year = 207, .tm_mon = 11, .tm_mday = 31, .tm_hour = 23, .tm_min = 59, .tm_sec = 58};
  *dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  *ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* The entries after `mimetype`, in container order. */
typedef struct entries {
  a2b_epub_entry *items;
  size_t n;
  char **names; /* the names built here, to free */
  size_t n_names;
} entries;

static void entry_add(entries *e, const char *name, const void *data, size_t len, bool owned) {
  e->items[e->n++] = (a2b_epub_entry){.name = name, .data = data, .len = len, .owned = owned};
}

static void entry_text(entries *e, const char *name, char *s) {
  entry_add(e, name, s, strlen(s), true);
}

static char *entry_name(entries *e, const char *folder, const char *name) {
  char *s = a2b_xmalloc(strlen(folder) + strlen(name) + 1);
  strcpy(stpcpy(s, folder), name);
  return e->names[e->n_names++] = s;
}

static entries list_entries(const pkg *p, char *user_css, size_t user_css_len) {
  size_t max = 7 + p->plan->n_parts + p->n_media;
  entries e = {a2b_xmalloc(max * sizeof *e.items), 0,
               a2b_xmalloc((p->plan->n_parts + p->n_media + 1) * sizeof *e.names), 0};
  entry_add(&e, "META-INF/container.xml", container_xml, sizeof container_xml - 1, false);
  entry_text(&e, "OEBPS/content.opf", build_opf(p, user_css != NULL));
  size_t n_nav;
  nav_entry *nav = nav_entries(p, &n_nav);
  entry_text(&e, "OEBPS/nav.xhtml", build_nav(p, nav, n_nav));
  entry_text(&e, "OEBPS/toc.ncx", build_ncx(p, nav, n_nav));
  free_nav(nav, n_nav);
  entry_add(&e, "OEBPS/styles/epub.css", a2b_style_epub_css, a2b_style_epub_css_len, false);
  if (user_css) entry_add(&e, "OEBPS/styles/user.css", user_css, user_css_len, true);
  if (p->cover) entry_text(&e, "OEBPS/" A2B_XHTML_DIR "cover.xhtml", build_cover(p));
  for (size_t i = 0; i < p->plan->n_parts; i++) {
    e.items[e.n++] = (a2b_epub_entry){
        .name = entry_name(&e, "OEBPS/" A2B_XHTML_DIR, p->plan->parts[i].name),
        .plan = p->plan,
        .part = i};
  }
  for (size_t i = 0; i < p->n_media; i++)
    entry_add(&e, entry_name(&e, "OEBPS/", p->media[i]->name), p->media[i]->data,
              p->media[i]->size, false);
  return e;
}

static void free_entries(entries *e) {
  for (size_t i = 0; i < e->n_names; i++)
    free(e->names[i]);
  free(e->names);
  free(e->items);
}

static char *zip_open_error(int code) {
  zip_error_t e;
  zip_error_init_with_code(&e, code);
  char *msg = a2b_xstrdup(zip_error_strerror(&e));
  zip_error_fini(&e);
  return msg;
}

/* Fill the archive at `temp`, compressing on `workers` threads; returns NULL
 * or the first error message (free() it). Takes `user_css`. */
static char *write_zip(const char *temp, const pkg *p, char *user_css, size_t user_css_len,
                       int workers) {
  entries e = list_entries(p, user_css, user_css_len);
  char *msg = NULL;
  a2b_epub_parts *set = a2b_epub_parts_deflate(e.items, e.n, workers, &msg);
  if (!set) {
    free_entries(&e);
    return msg;
  }
  int zerr = 0;
  zip_t *za = zip_open(temp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  if (!za) {
    a2b_epub_parts_free(set);
    free_entries(&e);
    return zip_open_error(zerr);
  }
  zipper z = {za, 0, 0, NULL};
  dos_time(p->when, &z.dtime, &z.ddate);
  zadd(&z, "mimetype", zip_source_buffer(za, "application/epub+zip", 20, 0), true);
  for (size_t i = 0; i < e.n; i++)
    zadd(&z, e.items[i].name, a2b_epub_parts_source(set, i, za), false);
  if (z.error) {
    msg = a2b_xstrdup(z.error);
    zip_discard(za);
  } else if (zip_close(za) != 0) {
    msg = a2b_xstrdup(zip_strerror(za));
    zip_discard(za);
  }
  a2b_epub_parts_free(set);
  free_entries(&e);
  return msg;
}

int a2b_epub_write_with(const a2b_book *book, const a2b_options *opts, int workers,
                        a2b_diags *diags) {
  const char *path = opts->epub_path;
  if (!book->n_articles) {
    a2b_report(diags, A2B_ERROR, path, 0, 0, "nothing to write: the book has no articles");
    return A2B_EXIT_IO;
  }
  char *user_css = NULL;
  size_t user_css_len = 0;
  if (opts->css) {
    char *err;
    user_css = a2b_read_file(opts->css, 16 * 1024 * 1024, &user_css_len, &err);
    if (!user_css) {
      a2b_report(diags, A2B_ERROR, opts->css, 0, 0, "stylesheet: %s", err);
      free(err);
      return A2B_EXIT_IO;
    }
  }

  pkg p = {.book = book};
  p.lang = a2b_xhtml_lang_ok(book->lang) ? book->lang : "und";
  p.title = book->title && *book->title ? book->title : "Untitled";
  p.identifier = book->identifier && *book->identifier ? book->identifier : "urn:art2book:book";
  p.when = build_time(diags);
  p.w = words_for(p.lang);
  select_media(&p, diags);
  a2b_xhtml_plan *plan = a2b_xhtml_plan_new(book, A2B_XHTML_PART_MAX, user_css != NULL);
  p.plan = plan;

  int rc = A2B_EXIT_IO;
  a2b_atomic_file *out = a2b_atomic_open(path, diags);
  if (out) {
    char *err = write_zip(a2b_atomic_temp_path(out), &p, user_css, user_css_len, workers);
    if (err) {
      a2b_report(diags, A2B_ERROR, path, 0, 0, "cannot write the EPUB: %s", err);
      free(err);
      a2b_atomic_abort(out);
    } else if (a2b_atomic_commit(out, diags) == 0) {
      rc = A2B_EXIT_OK;
      struct stat st;
      if (stat(path, &st) == 0 && st.st_size > A2B_EPUB_WARN_SIZE)
        a2b_report(diags, A2B_WARNING, path, 0, 0,
                   "the EPUB is %lld MB; some readers and stores reject files over 50 MB",
                   (long long)(st.st_size / (1024 * 1024)));
    }
  } else {
    free(user_css);
  }
  a2b_xhtml_plan_free(plan);
  free(p.media);
  return rc;
}

int a2b_epub_write(const a2b_book *book, const a2b_options *opts, a2b_diags *diags) {
  return a2b_epub_write_with(book, opts, 0, diags);
}
