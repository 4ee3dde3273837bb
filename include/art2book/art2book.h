/* art2book: options and entry points.
 *
 * Exit statuses of a2b_main(): 0 success; 1 some article was skipped or
 * (with --strict) a warning occurred; 2 usage error; 3 I/O error. */
#ifndef ART2BOOK_H
#define ART2BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "art2book/diag.h"
#include "art2book/doc.h"

#define A2B_VERSION "0.1.0"

enum { A2B_EXIT_OK = 0, A2B_EXIT_ARTICLE = 1, A2B_EXIT_USAGE = 2, A2B_EXIT_IO = 3 };

typedef enum a2b_sort { A2B_SORT_DATE, A2B_SORT_WEIGHT, A2B_SORT_TITLE, A2B_SORT_PATH } a2b_sort;

typedef struct a2b_options {
  const char *epub_path;   /* NULL: no EPUB */
  const char *pdf_path;    /* NULL: no PDF */
  const char *dump_path;   /* NULL: no model dump; "-": stdout */
  const char **inputs;     /* folders and files, as given */
  size_t n_inputs;
  const char *config_path; /* book.yaml; NULL: look beside the first input */

  /* metadata overrides (NULL: not given) */
  const char *title, *author, *lang, *identifier, *cover, *date;
  bool no_cover;           /* no drawn cover when no cover file is given */
  bool no_lead_images;     /* front matter thumbnails are not shown */
  const char *css;         /* user stylesheet added after the default */
  const char *base_url;    /* site base URL whose path is stripped from
                              site-absolute links (also from book.yaml) */
  int toc_depth;           /* heading levels below articles in the TOC */
  /* images */
  int max_image_width;     /* wider images are scaled down; 0: never (the
                              command line's default is 1600) */
  bool grayscale;          /* images converted to 8-bit gray (e-ink) */
  /* PDF */
  const char *dump_layout_path; /* --dump-layout FILE: placed items as JSON */
  const char *paper;       /* a4, a5, b5, letter, WxHmm; NULL: the style's */
  const char *style_path;  /* print style YAML; NULL: the built-in one */
  const char *font_dir;    /* extra fonts */
  bool recto;              /* articles start on odd pages */
  /* remote images */
  const char *cache_dir;   /* NULL: $XDG_CACHE_HOME/art2book, ~/.cache/art2book */
  bool offline;            /* from the cache only; no network */
  bool allow_private_network; /* also fetch from loopback and private addresses */
  int fetch_timeout;       /* seconds per image; 0: the default (30) */
  a2b_sort sort;
  bool reverse, drafts, strict, verbose;
} a2b_options;

/* Run the whole program on argv; returns an exit status (see above). */
int a2b_main(int argc, char **argv);

#endif
