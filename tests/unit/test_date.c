/* Dates as front matter and file names write them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs */

#include <string.h>

#include "date.h"

static a2b_date parsed(const char *s) {
  a2b_date d = {0};
  assert_true(a2b_date_parse(s, &d));
  assert_true(d.set);
  return d;
}

static void assert_ymd(const a2b_date *d, int y, int m, int day) {
  assert_int_equal(d->year, y);
  assert_int_equal(d->month, m);
  assert_int_equal(d->day, day);
}

static void assert_hms(const a2b_date *d, int h, int m, int s) {
  assert_true(d->has_time);
  assert_int_equal(d->hour, h);
  assert_int_equal(d->min, m);
  assert_int_equal(d->sec, s);
}

static void test_space_separated(void **state) {
  (void)state;
  a2b_date d = parsed("2025-02-08 10:14:08");
  assert_ymd(&d, 2025, 2, 8);
  assert_hms(&d, 10, 14, 8);
  assert_false(d.has_tz);
}

static void test_offsets(void **state) {
  (void)state;
  a2b_date d = parsed("2019-08-02T11:04:49+08:00");
  assert_ymd(&d, 2019, 8, 2);
  assert_hms(&d, 11, 4, 49);
  assert_true(d.has_tz);
  assert_int_equal(d.tz_minutes, 480);
  d = parsed("2025-02-08T10:14:08-0530");
  assert_int_equal(d.tz_minutes, -330);
  d = parsed("2025-02-08 10:14:08 +0800");
  assert_int_equal(d.tz_minutes, 480);
  d = parsed("2025-02-08T10:14:08+08");
  assert_int_equal(d.tz_minutes, 480);
}

static void test_fraction_and_z(void **state) {
  (void)state;
  a2b_date d = parsed("2024-01-01T00:00:00.123Z");
  assert_ymd(&d, 2024, 1, 1);
  assert_hms(&d, 0, 0, 0);
  assert_true(d.has_tz);
  assert_int_equal(d.tz_minutes, 0);
  d = parsed("2024-10-19t15:39:11.720z");
  assert_hms(&d, 15, 39, 11);
  assert_true(d.has_tz);
}

static void test_date_only_forms(void **state) {
  (void)state;
  a2b_date d = parsed("2025-02-08");
  assert_ymd(&d, 2025, 2, 8);
  assert_false(d.has_time);
  d = parsed("2025/02/08");
  assert_ymd(&d, 2025, 2, 8);
  d = parsed("2025/2/8");
  assert_ymd(&d, 2025, 2, 8);
  d = parsed("  2021-03-01 \r\n");
  assert_ymd(&d, 2021, 3, 1);
  assert_false(d.has_time);
  d = parsed(" 2025-02-08T10:14 ");
  assert_hms(&d, 10, 14, 0);
  d = parsed("2024-02-29");
  assert_ymd(&d, 2024, 2, 29);
}

static void test_rejects(void **state) {
  (void)state;
  const char *bad[] = {"2025-02-30",
                       "2023-02-29",
                       "2025-13-01",
                       "2025-00-10",
                       "2025-02-08 25:00",
                       "2025-02-08T10:60:00",
                       "2025-02-08T10:14:08+25:00",
                       "2025-02-08T",
                       "2025-02-08x",
                       "20250208",
                       "2025-02/08",
                       "",
                       "hello",
                       "2025-02-08 10:14:08 junk",
                       "2025-1-1-1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    a2b_date d = {.year = 7};
    if (a2b_date_parse(bad[i], &d)) fail_msg("accepted '%s'", bad[i]);
    assert_int_equal(d.year, 7); /* untouched */
  }
  assert_false(a2b_date_parse(NULL, &(a2b_date){0}));
}

static void test_from_path(void **state) {
  (void)state;
  a2b_date d = {0};
  assert_true(a2b_date_from_path("content/2024-05-06-check-cfg.md", &d));
  assert_ymd(&d, 2024, 5, 6);
  assert_true(a2b_date_from_path("2023-01-02/notes/2024-03-04.md", &d));
  assert_ymd(&d, 2024, 3, 4);
  assert_true(a2b_date_from_path("posts/2022-12-31 trip/index.md", &d));
  assert_ymd(&d, 2022, 12, 31);
  assert_false(d.has_time);
  d = (a2b_date){.year = 9};
  assert_false(a2b_date_from_path("post/2021/03/0001-spec.md", &d));
  assert_false(a2b_date_from_path("post/x2024-05-06.md", &d));
  assert_false(a2b_date_from_path("post/2024-02-30.md", &d));
  assert_false(a2b_date_from_path("post/2024-05-067.md", &d));
  assert_int_equal(d.year, 9);
}

static void test_epoch(void **state) {
  (void)state;
  assert_int_equal(a2b_date_epoch(&(a2b_date){0}), INT64_MIN);
  a2b_date d = parsed("1970-01-01");
  assert_int_equal(a2b_date_epoch(&d), 0);
  d = parsed("2000-03-01");
  assert_int_equal(a2b_date_epoch(&d), 951868800);
  d = parsed("2019-08-02T11:04:49+08:00");
  assert_int_equal(a2b_date_epoch(&d), 1564715089);
  d = parsed("2019-08-02T03:04:49Z");
  assert_int_equal(a2b_date_epoch(&d), 1564715089);
  d = parsed("2019-08-02 03:04:49"); /* floating counts as UTC */
  assert_int_equal(a2b_date_epoch(&d), 1564715089);
  d = parsed("1969-12-31T23:59:59Z");
  assert_int_equal(a2b_date_epoch(&d), -1);
}

static void test_cmp(void **state) {
  (void)state;
  a2b_date early = parsed("2025-02-08T10:00:00+08:00");
  a2b_date later = parsed("2025-02-08T03:00:00Z"); /* 11:00 in +08:00 */
  a2b_date same = parsed("2025-02-08T02:00:00Z");
  a2b_date unset = {0};
  assert_true(a2b_date_cmp(&early, &later) < 0);
  assert_true(a2b_date_cmp(&later, &early) > 0);
  assert_int_equal(a2b_date_cmp(&early, &same), 0);
  assert_true(a2b_date_cmp(&unset, &early) > 0);
  assert_true(a2b_date_cmp(&early, &unset) < 0);
  assert_int_equal(a2b_date_cmp(&unset, &unset), 0);
}

static void test_format(void **state) {
  (void)state;
  char out[32];
  a2b_date d = parsed("2019-08-02T11:04:49+08:00");
  a2b_date_format(&d, false, out);
  assert_string_equal(out, "2019-08-02");
  a2b_date_format(&d, true, out);
  assert_string_equal(out, "2019-08-02T11:04:49+08:00");
  d = parsed("2025-02-08T10:14:08-05:30");
  a2b_date_format(&d, true, out);
  assert_string_equal(out, "2025-02-08T10:14:08-05:30");
  d = parsed("2024-01-01T00:00:00.123Z");
  a2b_date_format(&d, true, out);
  assert_string_equal(out, "2024-01-01T00:00:00Z");
  d = parsed("2025-02-08 10:14:08");
  a2b_date_format(&d, true, out);
  assert_string_equal(out, "2025-02-08T10:14:08");
  d = parsed("2025/02/08");
  a2b_date_format(&d, true, out);
  assert_string_equal(out, "2025-02-08");
  a2b_date_format(&(a2b_date){0}, true, out);
  assert_string_equal(out, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_space_separated), cmocka_unit_test(test_offsets),
      cmocka_unit_test(test_fraction_and_z),  cmocka_unit_test(test_date_only_forms),
      cmocka_unit_test(test_rejects),         cmocka_unit_test(test_from_path),
      cmocka_unit_test(test_epoch),           cmocka_unit_test(test_cmp),
      cmocka_unit_test(test_format),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
