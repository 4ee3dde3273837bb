#include "pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "dump.h"
#include "epub.h"
#include "load.h"
#include "markdown.h"
#include "pdf.h"
#include "resolve.h"
#include "scan.h"

/* Read book.yaml (or --config). Returns an exit status. */
static int read_config(a2b_arena *arena, const a2b_options *opts, a2b_config *cfg,
                       a2b_diags *d) {
  cfg->dir = ".";
  char *path = opts->config_path ? a2b_xstrdup(opts->config_path)
                                 : a2b_config_find(opts->inputs[0]);
  if (!path) return A2B_EXIT_OK;
  bool ok = a2b_config_read(arena, path, cfg, d);
  free(path);
  return ok ? A2B_EXIT_OK : A2B_EXIT_USAGE;
}

/* Parallel loading: workers take scan entries in turn; each has its own
 * arena, and each article its own diagnostics, merged in scan order after
 * all are loaded so that the output does not depend on timing. */
typedef struct load_result {
  a2b_article *art;
  bool failed;
  a2b_diags diags;
} load_result;

typedef struct load_job {
  const a2b_scan *scan;
  const a2b_options *opts;
  const char *book_lang;
  load_result *results;
  atomic_size_t next;
} load_job;

typedef struct load_worker {
  load_job *job;
  a2b_arena *arena;
} load_worker;

static void *load_worker_run(void *arg) {
  load_worker *w = arg;
  load_job *job = w->job;
  for (size_t i; (i = atomic_fetch_add(&job->next, 1)) < job->scan->n;) {
    load_result *r = &job->results[i];
    r->art = a2b_load_article(w->arena, &job->scan->items[i], job->opts, job->book_lang,
                              &r->diags, &r->failed);
  }
  return NULL;
}

static size_t worker_count(size_t n_articles) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  size_t n = cpus > 0 ? (size_t)cpus : 1;
  if (n > 8) n = 8;
  if (n > n_articles / 4 + 1) n = n_articles / 4 + 1; /* small books: fewer threads */
  return n;
}

/* Load every scanned article into the book; returns how many failed. */
static size_t load_all(a2b_book *book, const a2b_scan *scan, const a2b_options *opts,
                       const char *book_lang, a2b_diags *d) {
  a2b_markdown_init();
  load_job job = {scan, opts, book_lang, NULL, 0};
  job.results = a2b_xmalloc((scan->n ? scan->n : 1) * sizeof *job.results);
  memset(job.results, 0, (scan->n ? scan->n : 1) * sizeof *job.results);
  size_t n_workers = worker_count(scan->n);
  load_worker *workers = a2b_alloc(book->arena, n_workers * sizeof *workers);
  pthread_t *threads = a2b_alloc(book->arena, n_workers * sizeof *threads);
  book->load_arenas = a2b_alloc(book->arena, n_workers * sizeof *book->load_arenas);
  for (size_t i = 0; i < n_workers; i++) {
    workers[i] = (load_worker){&job, a2b_arena_new()};
    book->load_arenas[book->n_load_arenas++] = workers[i].arena;
  }
  /* Worker 0 is this thread. */
  size_t started = 1;
  for (; started < n_workers; started++)
    if (pthread_create(&threads[started], NULL, load_worker_run, &workers[started]) != 0) break;
  load_worker_run(&workers[0]);
  for (size_t i = 1; i < started; i++) pthread_join(threads[i], NULL);

  size_t failed_count = 0;
  for (size_t i = 0; i < scan->n; i++) {
    load_result *r = &job.results[i];
    a2b_diags_merge(d, &r->diags);
    if (r->art) a2b_book_add_article(book, r->art);
    else if (r->failed) failed_count++;
  }
  free(job.results);
  return failed_count;
}

static void put_size(FILE *out, double bytes) {
  if (bytes >= 1048576)
    fprintf(out, "%.1f MB", bytes / 1048576);
  else
    fprintf(out, "%.0f KB", bytes / 1024 + 0.5);
}

static int by_size_desc(const void *a, const void *b) {
  size_t x = (*(const a2b_resource *const *)a)->size, y = (*(const a2b_resource *const *)b)->size;
  return x < y ? 1 : x > y ? -1 : 0;
}

/* --verbose: the EPUB's size and its largest images, to see what to shrink
 * before mailing the book to a reader service. */
static void report_sizes(const a2b_book *book, const char *epub_path) {
  struct stat st;
  if (stat(epub_path, &st) == 0) {
    fprintf(stderr, "art2book: %s is ", epub_path);
    put_size(stderr, (double)st.st_size);
    fputc('\n', stderr);
  }
  size_t n = book->n_resources, total = 0;
  if (!n) return;
  const a2b_resource **sorted = a2b_xmalloc(n * sizeof *sorted);
  for (size_t i = 0; i < n; i++) {
    sorted[i] = book->resources[i];
    total += sorted[i]->size;
  }
  qsort(sorted, n, sizeof *sorted, by_size_desc);
  fprintf(stderr, "art2book: %zu images, ", n);
  put_size(stderr, (double)total);
  fputs("; the largest:\n", stderr);
  for (size_t i = 0; i < n && i < 5; i++) {
    fputs("  ", stderr);
    put_size(stderr, (double)sorted[i]->size);
    fprintf(stderr, "  %s  (from %s)\n", sorted[i]->name,
            sorted[i]->source ? sorted[i]->source : "a data: URI");
  }
  free((void *)sorted);
}

static int write_outputs(const a2b_book *book, const a2b_options *opts, a2b_diags *d) {
  if (opts->dump_path) {
    bool to_stdout = !strcmp(opts->dump_path, "-");
    FILE *f = to_stdout ? stdout : fopen(opts->dump_path, "w");
    if (!f) {
      a2b_report(d, A2B_ERROR, opts->dump_path, 0, 0, "cannot write: %s", strerror(errno));
      return A2B_EXIT_IO;
    }
    a2b_dump_book(book, f);
    if (to_stdout ? fflush(f) != 0 : fclose(f) != 0) {
      a2b_report(d, A2B_ERROR, opts->dump_path, 0, 0, "cannot write: %s", strerror(errno));
      return A2B_EXIT_IO;
    }
  }
  if (opts->pdf_path) {
    int status = a2b_pdf_module_write(book, opts, d);
    if (status != A2B_EXIT_OK) return status;
    if (opts->verbose) fprintf(stderr, "art2book: wrote %s\n", opts->pdf_path);
  }
  if (opts->epub_path) {
    int status = a2b_epub_write(book, opts, d);
    if (status != A2B_EXIT_OK) return status;
    if (opts->verbose) {
      fprintf(stderr, "art2book: wrote %s (%zu articles, %zu images)\n", opts->epub_path,
              book->n_articles, book->n_resources);
      report_sizes(book, opts->epub_path);
    }
  }
  return A2B_EXIT_OK;
}

static void print_summary(const a2b_diags *d, size_t failed, size_t total) {
  if (!d->n_errors && !d->n_warnings) return;
  fprintf(stderr, "art2book: %zu error%s, %zu warning%s", d->n_errors, d->n_errors == 1 ? "" : "s",
          d->n_warnings, d->n_warnings == 1 ? "" : "s");
  if (failed) fprintf(stderr, "; %zu of %zu articles skipped", failed, total);
  fputc('\n', stderr);
}

int a2b_pipeline_run(const a2b_options *opts) {
  a2b_diags d = {0};
  d.echo = stderr;
  a2b_book *book = a2b_book_new();
  a2b_config cfg = {0};
  a2b_scan scan = {0};
  size_t failed = 0;
  int status = read_config(book->arena, opts, &cfg, &d);
  if (status != A2B_EXIT_OK) goto done;

  const char *book_lang = opts->lang ? opts->lang : cfg.lang;
  if (!a2b_scan_inputs(opts->inputs, opts->n_inputs, book_lang, opts->verbose ? stderr : NULL,
                       &scan, &d)) {
    status = A2B_EXIT_USAGE;
    goto done;
  }
  failed = load_all(book, &scan, opts, book_lang, &d);
  if (book->n_articles == 0) {
    a2b_report(&d, A2B_ERROR, NULL, 0, 0, "no articles to convert (%zu file%s found, %zu failed); "
               "nothing written", scan.n, scan.n == 1 ? "" : "s", failed);
    status = A2B_EXIT_ARTICLE;
    goto done;
  }
  if (!a2b_resolve(book, opts, &cfg, &d)) {
    status = A2B_EXIT_IO;
    goto done;
  }
  if (opts->strict && (d.n_errors || d.n_warnings)) {
    a2b_report(&d, A2B_ERROR, NULL, 0, 0, "--strict: problems were found; nothing written");
    status = A2B_EXIT_ARTICLE;
    goto done;
  }
  status = write_outputs(book, opts, &d);
  if (status == A2B_EXIT_OK && failed) status = A2B_EXIT_ARTICLE;

done:
  print_summary(&d, failed, scan.n);
  a2b_scan_free(&scan);
  a2b_diags_clear(&d);
  a2b_book_free(book);
  return status;
}
