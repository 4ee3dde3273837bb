#include "resolve.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "fetchcache.h"
#include "lang.h"
#include "uuid.h"

/* Namespace of art2book's version 5 book identifiers. */
static const unsigned char book_namespace[16] = {0x6b, 0x1f, 0x2d, 0x57, 0x8e, 0x33, 0x4c, 0x0a,
                                                 0x9d, 0x41, 0x52, 0xe7, 0x03, 0xa8, 0x6f, 0x19};

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* urn:uuid: of the title and the sorted relative article paths: the same
 * set of articles under the same title keeps its identifier across runs and
 * machines. */
static const char *make_identifier(a2b_book *book) {
  const char **paths = a2b_alloc(book->arena, (book->n_articles + 1) * sizeof *paths);
  for (size_t i = 0; i < book->n_articles; i++) paths[i] = book->articles[i]->rel_path;
  qsort(paths, book->n_articles, sizeof *paths, cmp_str);
  a2b_buf name = A2B_BUF_INIT;
  a2b_buf_puts(&name, book->title);
  for (size_t i = 0; i < book->n_articles; i++) {
    a2b_buf_putc(&name, '\n');
    a2b_buf_puts(&name, paths[i]);
  }
  char uuid[A2B_UUID_STRLEN + 1];
  a2b_uuid5(book_namespace, name.data, name.len, uuid);
  a2b_buf_free(&name);
  return a2b_sprintf(book->arena, "urn:uuid:%s", uuid);
}

/* The language most articles are in (by primary subtag, first seen wins a
 * tie), in the form the first such article gives it. */
static const char *majority_lang(const a2b_book *book) {
  const char *best = NULL;
  size_t best_count = 0;
  for (size_t i = 0; i < book->n_articles; i++) {
    const char *lang = book->articles[i]->lang;
    size_t primary = strcspn(lang, "-"), count = 0;
    for (size_t j = 0; j < book->n_articles; j++)
      if (!strncmp(book->articles[j]->lang, lang, primary) &&
          (book->articles[j]->lang[primary] == '-' || !book->articles[j]->lang[primary]))
        count++;
    if (count > best_count) best = lang, best_count = count;
  }
  return best ? best : "en";
}

static const char *first_of(const char *a, const char *b) { return a ? a : b; }

static void settle_metadata(a2b_book *book, const a2b_options *opts, const a2b_config *cfg,
                            a2b_diags *d) {
  a2b_arena *arena = book->arena;
  book->title = a2b_strdup(arena, first_of(opts->title, cfg->title));
  if (!book->title) {
    if (book->n_articles == 1) {
      book->title = book->articles[0]->title;
    } else {
      /* The first input folder's name, as a last resort. */
      char *name = a2b_strdup(arena, opts->inputs[0]);
      size_t n = strlen(name);
      while (n > 1 && name[n - 1] == '/') name[--n] = '\0';
      const char *slash = strrchr(name, '/');
      book->title = slash && slash[1] ? slash + 1 : name;
    }
  }
  book->subtitle = a2b_strdup(arena, cfg->subtitle);
  if (opts->author) a2b_strlist_add(arena, &book->authors, opts->author);
  else
    for (size_t i = 0; i < cfg->authors.n; i++) a2b_strlist_add(arena, &book->authors, cfg->authors.items[i]);
  const char *lang = first_of(opts->lang, cfg->lang);
  book->lang = lang ? a2b_lang_canonical(arena, lang) : majority_lang(book);
  book->description = a2b_strdup(arena, cfg->description);
  book->publisher = a2b_strdup(arena, cfg->publisher);
  book->rights = a2b_strdup(arena, cfg->rights);
  const char *date = first_of(opts->date, cfg->date);
  if (date && !a2b_date_parse(date, &book->date))
    a2b_report(d, A2B_WARNING, opts->date ? NULL : cfg->path, 0, 0,
               "book date '%s' is not a date (YYYY-MM-DD); ignored", date);
  book->identifier = a2b_strdup(arena, first_of(opts->identifier, cfg->identifier));
  if (!book->identifier) book->identifier = make_identifier(book);
}

/* Fetch settings from the options; *cache_dir (heap) is the cache folder. */
static a2b_fetch_opts fetch_opts(const a2b_options *opts, char **cache_dir) {
  a2b_fetch_opts fo = a2b_fetch_defaults();
  *cache_dir = opts->cache_dir
                   ? a2b_xstrdup(opts->cache_dir)
                   : a2b_fetchcache_default_dir(getenv("XDG_CACHE_HOME"), getenv("HOME"));
  fo.cache_dir = *cache_dir;
  fo.offline = opts->offline;
  fo.allow_private = opts->allow_private_network;
  if (opts->fetch_timeout > 0) {
    fo.timeout_ms = opts->fetch_timeout * 1000L;
    if (fo.connect_timeout_ms > fo.timeout_ms) fo.connect_timeout_ms = fo.timeout_ms;
  }
  return fo;
}

bool a2b_resolve(a2b_book *book, const a2b_options *opts, const a2b_config *cfg, a2b_diags *d) {
  a2b_resolve_order(book, opts);
  settle_metadata(book, opts, cfg, d);

  a2b_strmap **id_maps = a2b_xmalloc((book->n_articles + 1) * sizeof *id_maps);
  a2b_resolve_ids(book, id_maps, d);
  const char *base_url = first_of(opts->base_url, cfg->base_url);
  a2b_resolve_links(book, id_maps, base_url, d);
  for (size_t i = 0; i < book->n_articles; i++) a2b_strmap_free(id_maps[i]);
  free(id_maps);

  /* A cover from the command line is relative to the working folder, one
   * from book.yaml to the folder of book.yaml. */
  const char *cover = opts->cover;
  if (!cover && cfg->cover)
    cover = cfg->cover[0] == '/' ? cfg->cover : a2b_sprintf(book->arena, "%s/%s", cfg->dir, cfg->cover);
  char *cache_dir;
  a2b_fetch_opts fetch = fetch_opts(opts, &cache_dir);
  bool ok = a2b_resolve_images(book, opts, cover, base_url, &fetch, d);
  free(cache_dir);
  a2b_resolve_toc(book, opts->toc_depth);
  return ok;
}
