/* The fetcher without a network: --offline reads only the cache, accepts
 * only images from it, and never needs a server. (Network behaviour is
 * tested against a local server in tests/integration/fetch.sh.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "fetchcache.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  strcpy(dir, "/tmp/a2b-fetch-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  return system(cmd);
}

static const unsigned char gif[] = "GIF89a\x02\x00\x03\x00\x00\x00\x00;";

static void put(const char *url, const char *type, const void *data, size_t size) {
  a2b_cache_entry e = {.etag = "\"1\"", .media_type = (char *)type,
                       .data = (unsigned char *)data, .size = size};
  char *msg = a2b_fetchcache_write(dir, url, &e);
  assert_null(msg);
}

static void test_offline(void **state) {
  (void)state;
  put("http://example.com/a.gif", "image/gif", gif, sizeof gif - 1);
  /* A cached body that is not an image is not used, whatever its type says. */
  put("http://example.com/page", "image/png", "<html></html>", 13);
  a2b_fetch_item items[] = {
      {.url = "http://example.com/a.gif"},
      {.url = "http://example.com/page"},
      {.url = "http://example.com/never-fetched.png"},
  };
  a2b_fetch_opts o = a2b_fetch_defaults();
  o.cache_dir = dir;
  o.offline = true;
  a2b_diags d = {0};
  a2b_fetch_all(&o, items, 3, &d);
  assert_int_equal(d.n, 0);

  assert_int_equal(items[0].status, A2B_FETCH_CACHED);
  assert_string_equal(items[0].media_type, "image/gif");
  assert_int_equal(items[0].size, sizeof gif - 1);
  assert_memory_equal(items[0].data, gif, sizeof gif - 1);
  assert_null(items[0].error);
  assert_null(items[0].note);
  for (int i = 1; i < 3; i++) {
    assert_int_equal(items[i].status, A2B_FETCH_FAILED);
    assert_null(items[i].data);
    assert_null(items[i].media_type);
    assert_string_equal(items[i].error, "not in the cache (--offline)");
  }
  for (int i = 0; i < 3; i++) {
    a2b_fetch_item_clear(&items[i]);
    assert_null(items[i].data);
    assert_null(items[i].error);
  }
}

static void test_offline_without_cache(void **state) {
  (void)state;
  a2b_fetch_item it = {.url = "https://example.com/a.png"};
  a2b_fetch_opts o = a2b_fetch_defaults();
  o.offline = true;
  a2b_diags d = {0};
  a2b_fetch_all(&o, &it, 1, &d);
  assert_int_equal(it.status, A2B_FETCH_FAILED);
  assert_string_equal(it.error, "offline and no cache folder");
  a2b_fetch_item_clear(&it);
}

/* The cap applies to cache reads too: an entry over max_bytes is unused. */
static void test_cap_on_cache(void **state) {
  (void)state;
  put("http://example.com/big.gif", "image/gif", gif, sizeof gif - 1);
  a2b_fetch_item it = {.url = "http://example.com/big.gif"};
  a2b_fetch_opts o = a2b_fetch_defaults();
  o.cache_dir = dir;
  o.offline = true;
  o.max_bytes = sizeof gif - 2;
  a2b_diags d = {0};
  a2b_fetch_all(&o, &it, 1, &d);
  assert_int_equal(it.status, A2B_FETCH_FAILED);
  a2b_fetch_item_clear(&it);
}

static void test_defaults(void **state) {
  (void)state;
  a2b_fetch_opts o = a2b_fetch_defaults();
  assert_null(o.cache_dir);
  assert_false(o.offline);
  assert_false(o.allow_private);
  assert_true(o.connect_timeout_ms > 0 && o.connect_timeout_ms <= o.timeout_ms);
  assert_true(o.max_redirects > 0 && o.max_redirects <= 10);
  assert_true(o.parallel > 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_offline, setup, teardown),
      cmocka_unit_test(test_offline_without_cache),
      cmocka_unit_test_setup_teardown(test_cap_on_cache, setup, teardown),
      cmocka_unit_test(test_defaults),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
