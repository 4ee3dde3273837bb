/* Lead images: a front matter thumbnail shown at the top of its article
 * (resolve_images.c), unless the body already shows the same file; its
 * problems reported at its front matter line; --no-lead-images; and the
 * book's draw_cover flag. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "config.h"
#include "imgconv.h"
#include "load.h"
#include "resolve.h"
#include "scan.h"

typedef struct fx {
  char dir[PATH_MAX];
  a2b_book *book;
  a2b_diags diags;
} fx;

static void write_file(fx *f, const char *name, const void *data, size_t n) {
  char path[PATH_MAX + 64];
  snprintf(path, sizeof path, "%s/%s", f->dir, name);
  for (char *slash = path + strlen(f->dir) + 1; (slash = strchr(slash, '/')); slash++) {
    *slash = '\0';
    mkdir(path, 0755);
    *slash = '/';
  }
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  assert_int_equal(fwrite(data, 1, n, fp), n);
  fclose(fp);
}

static void write_text(fx *f, const char *name, const char *text) {
  write_file(f, name, text, strlen(text));
}

/* A w x h RGB PNG of one colour. */
static void write_png(fx *f, const char *name, int w, int h, unsigned char shade) {
  a2b_pixels px = {w, h, 3, malloc((size_t)w * h * 3)};
  memset(px.data, shade, (size_t)w * h * 3);
  size_t size;
  char *err = NULL;
  unsigned char *png = a2b_png_encode(&px, false, &size, &err);
  assert_non_null(png);
  write_file(f, name, png, size);
  free(png);
  a2b_pixels_free(&px);
}

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  snprintf(f->dir, sizeof f->dir, "/tmp/a2b-lead-XXXXXX");
  assert_non_null(mkdtemp(f->dir));
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  a2b_book_free(f->book);
  a2b_diags_clear(&f->diags);
  char cmd[PATH_MAX + 16];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  assert_int_equal(system(cmd), 0);
  free(f);
  return 0;
}

/* Load and resolve the folder (articles ordered by path); remote images
 * come only from an empty cache (offline). */
static void resolve(fx *f, a2b_options *opts) {
  char cache[PATH_MAX + 16];
  snprintf(cache, sizeof cache, "%s/.cache", f->dir);
  const char *inputs[] = {f->dir};
  opts->inputs = inputs;
  opts->n_inputs = 1;
  opts->sort = A2B_SORT_PATH;
  opts->toc_depth = 2;
  opts->offline = true;
  opts->cache_dir = cache;
  a2b_scan scan = {0};
  assert_true(a2b_scan_inputs(inputs, 1, NULL, NULL, &scan, &f->diags));
  f->book = a2b_book_new();
  for (size_t i = 0; i < scan.n; i++) {
    bool failed = false;
    a2b_article *art =
        a2b_load_article(f->book->arena, &scan.items[i], opts, NULL, &f->diags, &failed);
    assert_non_null(art);
    a2b_book_add_article(f->book, art);
  }
  a2b_scan_free(&scan);
  a2b_config cfg = {0};
  cfg.dir = f->dir;
  assert_true(a2b_resolve(f->book, opts, &cfg, &f->diags));
}

static size_t count_images(const a2b_node *n) {
  size_t k = 0;
  for (; n; n = n->next)
    k += (n->type == A2B_NODE_IMAGE) + count_images(n->first_child);
  return k;
}

/* The diagnostics, one `file:line: severity: message` a line, the folder
 * left out of paths. */
static char *diag_text(fx *f) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  for (size_t i = 0; i < f->diags.n; i++) {
    const a2b_diag *d = &f->diags.items[i];
    const char *path = d->path ? d->path : "";
    if (!strncmp(path, f->dir, strlen(f->dir))) path += strlen(f->dir) + 1;
    fprintf(out, "%s:%d: %s: %s\n", path, d->line, d->severity == A2B_WARNING ? "warning" : "other",
            d->message);
  }
  fclose(out);
  return buf;
}

static const a2b_article *article(fx *f, const char *rel_path) {
  for (size_t i = 0; i < f->book->n_articles; i++)
    if (!strcmp(f->book->articles[i]->rel_path, rel_path)) return f->book->articles[i];
  fail_msg("no article %s", rel_path);
  return NULL;
}

static void test_lead_image_inserted_or_shown(void **state) {
  fx *f = *state;
  write_png(f, "a/lead.png", 40, 20, 200);
  write_text(f, "a/index.md", "---\ntitle: A\nthumbnail: lead.png\n---\n\nFirst paragraph.\n");
  /* the body shows the same file spelled another way: no second copy */
  write_png(f, "static/img/b.png", 30, 30, 100);
  write_text(f, "b/index.md",
             "---\ntitle: B\nimage: /img/b.png\n---\n\nText.\n\n![b](../static/img/./b.png?v=2)\n");
  /* the body shows a file with the same bytes under another name */
  write_png(f, "c/one.png", 10, 10, 50);
  write_png(f, "c/two.png", 10, 10, 50);
  write_text(f, "c/index.md", "---\ntitle: C\ncover:\n  image: one.png\n---\n\n![x](two.png)\n");
  /* written exactly as in the body */
  write_text(f, "d/index.md", "---\ntitle: D\nthumbnail: gone.png\n---\n\n![x](gone.png)\n");
  a2b_options opts = {0};
  resolve(f, &opts);

  const a2b_article *a = article(f, "a/index.md");
  const a2b_node *fig = a->body->first_child;
  assert_int_equal(fig->type, A2B_NODE_FIGURE);
  assert_string_equal(fig->classes, "lead-image");
  assert_int_equal(fig->line, 3);
  const a2b_node *img = fig->first_child;
  assert_int_equal(img->type, A2B_NODE_IMAGE);
  assert_null(img->next); /* no caption */
  assert_string_equal(img->u.image.src, "lead.png");
  assert_non_null(img->u.image.res);
  assert_int_equal(img->u.image.res->width, 40);
  assert_ptr_equal(a->lead_image, img->u.image.res);
  assert_int_equal(fig->next->type, A2B_NODE_PARAGRAPH);

  const a2b_article *b = article(f, "b/index.md");
  assert_int_equal(count_images(b->body), 1);
  assert_int_equal(b->body->first_child->type, A2B_NODE_PARAGRAPH);
  assert_non_null(b->lead_image);
  assert_int_equal(b->lead_image->width, 30);

  const a2b_article *c = article(f, "c/index.md");
  assert_int_equal(count_images(c->body), 1);
  assert_non_null(c->lead_image);

  /* one warning, for the body's reference, not a second for the thumbnail */
  const a2b_article *d = article(f, "d/index.md");
  assert_null(d->lead_image);
  assert_int_equal(count_images(d->body), 1);
  char *text = diag_text(f);
  assert_string_equal(text, "d/index.md:6: warning: image 'gone.png' not found\n");
  free(text);
  assert_true(f->book->draw_cover);
  assert_null(f->book->cover); /* no EPUB: nothing drawn */
}

static void test_lead_image_problems(void **state) {
  fx *f = *state;
  write_text(f, "a.md",
             "---\ntitle: A\ndate: 2024-01-01\n\nthumbnail: missing.png\n---\n\nText.\n");
  write_text(f, "b.md",
             "---\ntitle: B\nimages:\n  - \"https://example.invalid/b.jpg\"\n---\n\nT.\n");
  write_text(f, "c.md", "---\ntitle: C\nthumbnail: ../../etc/passwd\n---\n\nT.\n");
  a2b_options opts = {0};
  opts.no_cover = true;
  resolve(f, &opts);
  for (size_t i = 0; i < f->book->n_articles; i++) {
    assert_null(f->book->articles[i]->lead_image);
    assert_int_equal(count_images(f->book->articles[i]->body), 0);
  }
  char *text = diag_text(f);
  /* at the front matter line; the remote one was in the fetch batch (an
   * offline cache miss, not "not fetched") */
  assert_non_null(strstr(text, "a.md:5: warning: lead image 'missing.png' not found\n"));
  assert_non_null(strstr(text, "b.md:4: warning: cannot fetch lead image "
                               "'https://example.invalid/b.jpg': "));
  assert_non_null(strstr(text, "c.md:3: warning: lead image path '../../etc/passwd' leaves"));
  free(text);
  assert_false(f->book->draw_cover);
}

static void test_no_lead_images(void **state) {
  fx *f = *state;
  write_png(f, "a/lead.png", 40, 20, 200);
  write_text(f, "a/index.md", "---\ntitle: A\nthumbnail: lead.png\n---\n\nFirst paragraph.\n");
  write_text(f, "b.md", "---\ntitle: B\nthumbnail: https://example.invalid/b.jpg\n---\n\nT.\n");
  a2b_options opts = {0};
  opts.no_lead_images = true;
  resolve(f, &opts);
  for (size_t i = 0; i < f->book->n_articles; i++) {
    assert_null(f->book->articles[i]->lead_image);
    assert_int_equal(count_images(f->book->articles[i]->body), 0);
  }
  assert_int_equal(f->book->n_resources, 0);
  assert_int_equal(f->diags.n, 0); /* the remote thumbnail is not even looked up */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_lead_image_inserted_or_shown, setup, teardown),
      cmocka_unit_test_setup_teardown(test_lead_image_problems, setup, teardown),
      cmocka_unit_test_setup_teardown(test_no_lead_images, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
