/* Resolving resource references: classification, the real site layouts,
 * and every way of escaping the content root. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "respath.h"

static char base[PATH_MAX]; /* the temporary tree, canonical */
static char root[PATH_MAX + 8], bundle[PATH_MAX + 64];

static void put(const char *rel) {
  char p[PATH_MAX * 2];
  snprintf(p, sizeof p, "%s/%s", base, rel);
  for (char *s = strchr(p + strlen(base) + 1, '/'); s; s = strchr(s + 1, '/')) {
    *s = '\0';
    mkdir(p, 0755);
    *s = '/';
  }
  if (p[strlen(p) - 1] == '/') return; /* a folder only */
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs("x", f);
  fclose(f);
}

static void link_to(const char *target, const char *rel) {
  char p[PATH_MAX * 2];
  snprintf(p, sizeof p, "%s/%s", base, rel);
  assert_int_equal(symlink(target, p), 0);
}

static int setup(void **state) {
  (void)state;
  char tmpl[] = "/tmp/a2b-respath-XXXXXX";
  assert_non_null(mkdtemp(tmpl));
  assert_non_null(realpath(tmpl, base));
  snprintf(root, sizeof root, "%s/root", base);
  snprintf(bundle, sizeof bundle, "%s/site/content/posts/bundle", root);
  put("outside/secret.txt");
  put("root/pasted.png");       /* bedtimenews: /pasted_image_... at the root */
  put("root/images/dir/f.png"); /* zenn: /images/<dir>/<file> */
  put("root/static/rootstatic.png");
  put("root/a b#1.png");
  put("root/site/config.toml");
  put("root/site/static/img/2021/s.png"); /* openeuler: /kernel-portal/img/... */
  put("root/site/assets/images/a.jpg");   /* LoveIt: /images/x.jpg -> assets/ */
  put("root/site/content/posts/bundle/index.md");
  put("root/site/content/posts/bundle/pic.png");
  put("root/site/content/posts/bundle/sub/deep.png");
  link_to("../../../static/img/2021/s.png", "root/site/content/posts/bundle/link-in.png");
  link_to("../../../../../outside/secret.txt", "root/site/content/posts/bundle/link-out.png");
  link_to("../outside", "root/linkdir");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char cmd[PATH_MAX + 32];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
  return system(cmd);
}

static a2b_ref_kind last_kind;
static char *last_path, *last_msg;

/* Resolve and keep the results for the checks below. */
static a2b_ref_kind res(const char *dir, const char *ref, const char *base_url) {
  free(last_path);
  free(last_msg);
  last_kind = a2b_respath_resolve(root, dir, ref, base_url, NULL, &last_path, &last_msg);
  if (last_kind == A2B_REF_LOCAL) {
    assert_non_null(last_path);
    assert_null(last_msg);
    assert_int_equal(strncmp(last_path, root, strlen(root)), 0);
  } else if (last_kind == A2B_REF_MISSING || last_kind == A2B_REF_REFUSED) {
    assert_null(last_path);
    assert_non_null(last_msg);
  } else {
    assert_null(last_path);
    assert_null(last_msg);
  }
  return last_kind;
}

static void expect_local(const char *dir, const char *ref, const char *base_url, const char *rel) {
  char want[PATH_MAX * 2];
  snprintf(want, sizeof want, "%s/%s", root, rel);
  assert_int_equal(res(dir, ref, base_url), A2B_REF_LOCAL);
  assert_string_equal(last_path, want);
}

static void expect_refused(const char *dir, const char *ref, const char *msg) {
  if (res(dir, ref, NULL) != A2B_REF_REFUSED)
    fail_msg("'%s': outcome %d, %s", ref, last_kind, last_msg ? last_msg : last_path);
  assert_string_equal(last_msg, msg);
}

static void test_classify(void **state) {
  (void)state;
  assert_int_equal(res(root, "http://example.com/a.png", NULL), A2B_REF_REMOTE);
  assert_int_equal(res(root, "HTTPS://example.com/a.png", NULL), A2B_REF_REMOTE);
  assert_int_equal(res(root, "//cdn.example.com/a.png", NULL), A2B_REF_REMOTE);
  assert_int_equal(res(root, "data:image/png;base64,iVBORw0KGgo=", NULL), A2B_REF_DATA);
  expect_refused(root, "mailto:a@example.com",
                 "image 'mailto:a@example.com' has unsupported "
                 "scheme 'mailto'");
  expect_refused(root, "javascript:alert(1)",
                 "image 'javascript:alert(1)' has unsupported "
                 "scheme 'javascript'");
  expect_refused(root, "file:///etc/passwd",
                 "image 'file:///etc/passwd' is a file: URL "
                 "(refused: write a path inside the content root)");
  expect_refused(root, "", "empty image path");
  expect_refused(root, "#top", "image path '#top' names no file");
  char *p = NULL, *m = NULL;
  assert_int_equal(a2b_respath_resolve(root, root, "gone.jpg", NULL, "cover", &p, &m),
                   A2B_REF_MISSING);
  assert_string_equal(m, "cover 'gone.jpg' not found");
  free(m);
}

static void test_relative_and_bundles(void **state) {
  (void)state;
  expect_local(bundle, "pic.png", NULL, "site/content/posts/bundle/pic.png");
  expect_local(bundle, "./sub/deep.png?v=2#frag", NULL, "site/content/posts/bundle/sub/deep.png");
  expect_local(bundle, "sub%2Fdeep.png", NULL, "site/content/posts/bundle/sub/deep.png");
  expect_local(bundle, "sub\\deep.png", NULL, "site/content/posts/bundle/sub/deep.png");
  expect_local(bundle, "sub/../pic.png", NULL, "site/content/posts/bundle/pic.png");
  expect_local(bundle, "../../../../pasted.png", NULL, "pasted.png"); /* up to the root: fine */
  expect_local(root, "a%20b%231.png", NULL, "a b#1.png");
  expect_local(bundle, "link-in.png", NULL, "site/static/img/2021/s.png"); /* stays inside */
  assert_int_equal(res(bundle, "nothere.png", NULL), A2B_REF_MISSING);
  assert_string_equal(last_msg, "image 'nothere.png' not found");
  expect_refused(bundle, "sub", "image path 'sub' is not a regular file");
}

static void test_site_absolute(void **state) {
  (void)state;
  expect_local(bundle, "/pasted.png", NULL, "pasted.png");
  expect_local(bundle, "/images/dir/f.png", NULL, "images/dir/f.png");
  expect_local(bundle, "/rootstatic.png", NULL, "static/rootstatic.png");
  expect_local(bundle, "/img/2021/s.png", NULL, "site/static/img/2021/s.png");
  expect_local(bundle, "/images/a.jpg", NULL, "site/assets/images/a.jpg");
  const char *base_url = "https://openeuler.gitee.io/kernel-portal/";
  expect_local(bundle, "/kernel-portal/img/2021/s.png", base_url, "site/static/img/2021/s.png");
  expect_local(bundle, "/kernel-portal/img/2021/s.png?x#y", "/kernel-portal",
               "site/static/img/2021/s.png");
  assert_int_equal(res(bundle, "/kernel-portal/img/2021/s.png", NULL), A2B_REF_MISSING);
  assert_int_equal(res(bundle, "/kernel-portalx/img/2021/s.png", base_url), A2B_REF_MISSING);
  /* The site root is only found below the content root's ancestors: from the
   * root itself, site/static is not searched. */
  assert_int_equal(res(root, "/img/2021/s.png", NULL), A2B_REF_MISSING);
  char abs[PATH_MAX * 2];
  snprintf(abs, sizeof abs, "%s/pasted.png", root);
  expect_local(bundle, abs, NULL, "pasted.png"); /* a file system path inside the root */
}

static void test_escapes(void **state) {
  (void)state;
  expect_refused(root, "../x", "image path '../x' leaves the content root");
  expect_refused(root, "%2e%2e/x", "image path '%2e%2e/x' leaves the content root");
  expect_refused(root, "%2E%2E%2Fx", "image path '%2E%2E%2Fx' leaves the content root");
  expect_refused(root, "..%2fx", "image path '..%2fx' leaves the content root");
  expect_refused(root, "a/../../x", "image path 'a/../../x' leaves the content root");
  expect_refused(root, "..\\x", "image path '..\\x' leaves the content root");
  expect_refused(root, "..%5cx", "image path '..%5cx' leaves the content root");
  expect_refused(root, "../root/pasted.png",
                 "image path '../root/pasted.png' leaves the content "
                 "root");
  expect_refused(root, "../outside/secret.txt",
                 "image path '../outside/secret.txt' leaves the content root");
  expect_refused(bundle, "../../../../../outside/secret.txt",
                 "image path '../../../../../outside/secret.txt' leaves the content root");
  expect_refused(bundle, "/../outside/secret.txt",
                 "image path '/../outside/secret.txt' leaves the content root");
  expect_refused(bundle, "link-out.png",
                 "image path 'link-out.png' leads outside the content "
                 "root through a symbolic link");
  expect_refused(root, "linkdir/secret.txt",
                 "image path 'linkdir/secret.txt' leads outside "
                 "the content root through a symbolic link");
  expect_refused(root, "/etc/passwd",
                 "image path '/etc/passwd' is an absolute path outside the content root");
  char abs[PATH_MAX * 2], msg[PATH_MAX * 3];
  snprintf(abs, sizeof abs, "%s/outside/secret.txt", base);
  snprintf(msg, sizeof msg, "image path '%s' is an absolute path outside the content root", abs);
  expect_refused(bundle, abs, msg);
  expect_refused(root, "C:\\Windows\\x.png",
                 "image path 'C:\\Windows\\x.png' is an absolute path outside the content root");
  expect_refused(root, "pasted.png%00.jpg", "image path 'pasted.png%00.jpg' contains a NUL byte");
  char outdir[PATH_MAX * 2];
  snprintf(outdir, sizeof outdir, "%s/outside", base);
  assert_int_equal(res(outdir, "secret.txt", NULL), A2B_REF_REFUSED);
  assert_non_null(strstr(last_msg, "is not inside the content root"));
}

/* The real layouts in ../shared/corpus, when present. */
static void test_corpus_layouts(void **state) {
  (void)state;
  static const struct {
    const char *root, *dir, *ref, *base_url, *want;
  } cases[] = {
      {"dillonzq-LoveIt", "exampleSite/content/posts/theme-documentation-basics",
       "/images/Apple-Devices-Preview.png", NULL,
       "exampleSite/assets/images/Apple-Devices-Preview.png"},
      {"openeuler-mirror-kernel-portal", "content/post/2021/03",
       "/kernel-portal/img/2021/03/0002-0001-clone_kernel.png",
       "https://openeuler.gitee.io/kernel-portal/",
       "static/img/2021/03/0002-0001-clone_kernel.png"},
      {"uttk-zenn-contents", "articles", "/images/introduction-of-wouter/wouter-icon.png", NULL,
       "images/introduction-of-wouter/wouter-icon.png"},
      {"bedtimenews-bedtimenews-archive-contents", "main/401-500",
       "/pasted_image_20230218192604.png", NULL, "pasted_image_20230218192604.png"},
      {"rust-lang-blog.rust-lang.org", "content/a-new-look-for-rust-lang-org", "rust-www1.png",
       NULL, "content/a-new-look-for-rust-lang-org/rust-www1.png"},
  };
  char corpus[PATH_MAX];
  if (!realpath(A2B_SRC "/../shared/corpus", corpus)) skip();
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char r[PATH_MAX * 2], d[PATH_MAX * 3], want[PATH_MAX * 3], *p = NULL, *m = NULL;
    snprintf(r, sizeof r, "%s/%s", corpus, cases[i].root);
    snprintf(d, sizeof d, "%s/%s", r, cases[i].dir);
    snprintf(want, sizeof want, "%s/%s", r, cases[i].want);
    a2b_ref_kind k = a2b_respath_resolve(r, d, cases[i].ref, cases[i].base_url, NULL, &p, &m);
    if (k != A2B_REF_LOCAL) fail_msg("%s: %s", cases[i].ref, m ? m : "?");
    assert_string_equal(p, want);
    free(p);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_classify),       cmocka_unit_test(test_relative_and_bundles),
      cmocka_unit_test(test_site_absolute),  cmocka_unit_test(test_escapes),
      cmocka_unit_test(test_corpus_layouts),
  };
  int rc = cmocka_run_group_tests(tests, setup, teardown);
  free(last_path);
  free(last_msg);
  return rc;
}
