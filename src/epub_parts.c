/* Deflating EPUB entries in parallel, each worker into an in-memory archive. */
#include "epub_parts.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"

typedef struct worker {
  a2b_epub_parts *set;
  int no;
  zip_source_t *mem; /* the archive's bytes */
  zip_t *za;         /* writing, then reading them; NULL: none (or failed) */
  size_t n_added;
  char *error; /* first failure; malloc'ed */
  pthread_t thread;
  bool threaded; /* runs on `thread` */
} worker;

struct a2b_epub_parts {
  const a2b_epub_entry *entries;
  size_t n;
  atomic_size_t next; /* the next entry to take */
  atomic_bool failed; /* a worker failed: the others stop working */
  worker *workers;
  int n_workers;
  int *owner;          /* per entry: the worker that holds it */
  zip_uint64_t *index; /* ... and its index in that worker's archive */
};

static void fail(worker *w, const char *msg) {
  if (!w->error) w->error = a2b_xstrdup(msg);
  atomic_store(&w->set->failed, true);
}

static void fail_code(worker *w, zip_error_t *ze) {
  fail(w, zip_error_strerror(ze));
  zip_error_fini(ze);
}

static void open_writer(worker *w) {
  zip_error_t ze;
  zip_error_init(&ze);
  w->mem = zip_source_buffer_create(NULL, 0, 0, &ze);
  if (!w->mem) {
    fail_code(w, &ze);
    return;
  }
  w->za = zip_open_from_source(w->mem, ZIP_CREATE | ZIP_TRUNCATE, &ze);
  if (!w->za) {
    zip_source_free(w->mem); /* not taken on failure */
    fail_code(w, &ze);
    return;
  }
  zip_source_keep(w->mem); /* the bytes outlive the writing archive */
  zip_error_fini(&ze);
}

/* Add entry k to the worker's archive, taking ownership of `data`. */
static void add(worker *w, size_t k, const void *data, size_t len, bool owned) {
  a2b_epub_parts *set = w->set;
  zip_source_t *src = zip_source_buffer(w->za, data, len, owned);
  if (!src) {
    if (owned) free((void *)data);
    fail(w, zip_strerror(w->za));
    return;
  }
  zip_int64_t idx = zip_file_add(w->za, set->entries[k].name, src, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(src);
    fail(w, zip_strerror(w->za));
    return;
  }
  if (zip_set_file_compression(w->za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, A2B_EPUB_LEVEL) != 0) {
    fail(w, zip_strerror(w->za));
    return;
  }
  set->owner[k] = w->no;
  set->index[k] = (zip_uint64_t)idx;
  w->n_added++;
}

/* Write the archive into w->mem (this deflates) and open it for reading. */
static void finish(worker *w) {
  if (!w->za) return; /* open_writer failed */
  /* An archive without entries would delete its source: skip it. */
  bool ok = !w->error && w->n_added;
  if (ok && zip_close(w->za) != 0) {
    fail(w, zip_strerror(w->za));
    ok = false;
  }
  if (!ok) {
    zip_discard(w->za);
    w->za = NULL;
    zip_source_free(w->mem);
    return;
  }
  zip_error_t ze;
  zip_error_init(&ze);
  w->za = zip_open_from_source(w->mem, ZIP_RDONLY, &ze); /* takes our reference */
  if (!w->za) {
    zip_source_free(w->mem);
    fail_code(w, &ze);
    return;
  }
  zip_error_fini(&ze);
}

static void *work(void *arg) {
  worker *w = arg;
  a2b_epub_parts *set = w->set;
  for (;;) {
    size_t k = atomic_fetch_add(&set->next, 1);
    if (k >= set->n) break;
    const a2b_epub_entry *e = &set->entries[k];
    if (w->error || atomic_load(&set->failed)) {
      if (e->owned) free((void *)e->data);
      continue;
    }
    if (e->plan) {
      a2b_buf doc = A2B_BUF_INIT;
      a2b_xhtml_render(e->plan, e->part, &doc);
      size_t len = doc.len;
      add(w, k, a2b_buf_take(&doc), len, true);
    } else {
      add(w, k, e->data, e->len, e->owned);
    }
  }
  finish(w);
  return NULL;
}

static int online_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > A2B_EPUB_MAX_WORKERS ? A2B_EPUB_MAX_WORKERS : (int)n;
}

a2b_epub_parts *a2b_epub_parts_deflate(const a2b_epub_entry *entries, size_t n, int workers,
                                       char **error) {
  a2b_epub_parts *set = a2b_xmalloc(sizeof *set);
  *set = (a2b_epub_parts){.entries = entries, .n = n};
  atomic_init(&set->next, 0);
  atomic_init(&set->failed, false);
  int nw = workers > 0 ? workers : online_cpus();
  if ((size_t)nw > n) nw = n ? (int)n : 1;
  set->workers = a2b_xmalloc((size_t)nw * sizeof *set->workers);
  set->owner = a2b_xmalloc((n ? n : 1) * sizeof *set->owner);
  set->index = a2b_xmalloc((n ? n : 1) * sizeof *set->index);
  /* Opened here: libzip initialises static data on its first zip_open_from_source(). */
  for (int i = 0; i < nw; i++) {
    set->workers[i] = (worker){.set = set, .no = i};
    open_writer(&set->workers[i]);
  }
  /* Worker 0 runs on this thread, and so does any whose thread fails to start. */
  set->n_workers = nw;
  for (int i = 1; i < nw; i++)
    set->workers[i].threaded =
        pthread_create(&set->workers[i].thread, NULL, work, &set->workers[i]) == 0;
  work(&set->workers[0]);
  for (int i = 1; i < nw; i++) {
    if (set->workers[i].threaded)
      pthread_join(set->workers[i].thread, NULL);
    else
      work(&set->workers[i]);
  }
  for (int i = 0; i < nw; i++) {
    if (set->workers[i].error) {
      *error = a2b_xstrdup(set->workers[i].error);
      a2b_epub_parts_free(set);
      return NULL;
    }
  }
  return set;
}

zip_source_t *a2b_epub_parts_source(a2b_epub_parts *set, size_t k, zip_t *za) {
  /* The whole entry (start 0, length -1) is copied as it is stored: deflated. */
  return zip_source_zip(za, set->workers[set->owner[k]].za, set->index[k], 0, 0, -1);
}

void a2b_epub_parts_free(a2b_epub_parts *set) {
  if (!set) return;
  for (int i = 0; i < set->n_workers; i++) {
    if (set->workers[i].za) zip_discard(set->workers[i].za);
    free(set->workers[i].error);
  }
  free(set->workers);
  free(set->owner);
  free(set->index);
  free(set);
}
