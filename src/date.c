#include "date.h"

#include <stdio.h>
#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Exactly `n` digits at *p into *out; advances p. */
static bool digits(const char **p, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!is_digit((*p)[i])) return false;
    v = v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  *out = v;
  return true;
}

/* One or two digits (as in `2025/2/8`). */
static bool digits12(const char **p, int *out) {
  if (!is_digit(**p)) return false;
  int n = is_digit((*p)[1]) ? 2 : 1;
  return digits(p, n, out);
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static bool valid_ymd(int y, int m, int d) {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* `YYYY-MM-DD` or `YYYY/MM/DD` (month and day may have one digit). */
static bool parse_ymd(const char **p, a2b_date *d) {
  const char *s = *p;
  if (!digits(&s, 4, &d->year)) return false;
  char sep = *s;
  if (sep != '-' && sep != '/') return false;
  s++;
  if (!digits12(&s, &d->month) || *s != sep) return false;
  s++;
  if (!digits12(&s, &d->day)) return false;
  if (is_digit(*s) || !valid_ymd(d->year, d->month, d->day)) return false;
  *p = s;
  return true;
}

/* `Z`, `+08:00`, `+0800` or `+08`. */
static bool parse_zone(const char **p, a2b_date *d) {
  const char *s = *p;
  if (*s == 'Z' || *s == 'z') {
    d->has_tz = true;
    d->tz_minutes = 0;
    *p = s + 1;
    return true;
  }
  if (*s != '+' && *s != '-') return false;
  int sign = *s == '-' ? -1 : 1, h, m = 0;
  s++;
  if (!digits(&s, 2, &h)) return false;
  if (*s == ':') {
    s++;
    if (!digits(&s, 2, &m)) return false;
  } else if (is_digit(*s) && !digits(&s, 2, &m)) {
    return false;
  }
  if (h > 23 || m > 59) return false;
  d->has_tz = true;
  d->tz_minutes = sign * (h * 60 + m);
  *p = s;
  return true;
}

/* `HH:MM[:SS[.fraction]]` then an optional zone. */
static bool parse_time(const char **p, a2b_date *d) {
  const char *s = *p;
  if (!digits(&s, 2, &d->hour) || *s++ != ':' || !digits(&s, 2, &d->min)) return false;
  d->sec = 0;
  if (*s == ':') {
    s++;
    if (!digits(&s, 2, &d->sec)) return false;
    if (*s == '.' || *s == ',') {
      s++;
      if (!is_digit(*s)) return false;
      while (is_digit(*s))
        s++;
    }
  }
  if (d->hour > 23 || d->min > 59 || d->sec > 60) return false;
  d->has_time = true;
  const char *z = s;
  if (*z == ' ') z++; /* `2025-02-08 10:14:08 +0800` */
  if (parse_zone(&z, d)) s = z;
  *p = s;
  return true;
}

bool a2b_date_parse(const char *s, a2b_date *out) {
  if (!s) return false;
  a2b_date d = {0};
  while (is_space(*s))
    s++;
  if (!parse_ymd(&s, &d)) return false;
  if (*s == 'T' || *s == 't' || *s == ' ') {
    const char *t = s + 1;
    while (*t == ' ')
      t++;
    if (parse_time(&t, &d))
      s = t;
    else if (*s == 'T' || *s == 't')
      return false;
  }
  while (is_space(*s))
    s++;
  if (*s) return false;
  d.set = true;
  *out = d;
  return true;
}

bool a2b_date_from_path(const char *path, a2b_date *out) {
  bool found = false;
  a2b_date best = {0};
  for (const char *c = path; c && *c;) {
    const char *end = strchr(c, '/');
    size_t n = end ? (size_t)(end - c) : strlen(c);
    a2b_date d = {0};
    const char *p = c;
    if (n >= 10 && digits(&p, 4, &d.year) && *p++ == '-' && digits(&p, 2, &d.month) &&
        *p++ == '-' && digits(&p, 2, &d.day) && (n == 10 || !is_digit(c[10])) &&
        valid_ymd(d.year, d.month, d.day)) {
      d.set = true;
      best = d;
      found = true;
    }
    c = end ? end + 1 : NULL;
  }
  if (found) *out = best;
  return found;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t a2b_date_epoch(const a2b_date *d) {
  if (!d || !d->set) return INT64_MIN;
  int64_t t = days_from_civil(d->year, d->month, d->day) * 86400;
  if (d->has_time) t += d->hour * 3600 + d->min * 60 + d->sec;
  if (d->has_tz) t -= (int64_t)d->tz_minutes * 60;
  return t;
}

int a2b_date_cmp(const a2b_date *a, const a2b_date *b) {
  if (!a->set || !b->set) return (int)!a->set - (int)!b->set;
  int64_t x = a2b_date_epoch(a), y = a2b_date_epoch(b);
  return (x > y) - (x < y);
}

void a2b_date_format(const a2b_date *d, bool with_time, char out[32]) {
  if (!d->set) {
    out[0] = '\0';
    return;
  }
  int n = snprintf(out, 32, "%04d-%02d-%02d", d->year, d->month, d->day);
  if (!with_time || !d->has_time) return;
  n += snprintf(out + n, 32 - (size_t)n, "T%02d:%02d:%02d", d->hour, d->min, d->sec);
  if (!d->has_tz) return;
  if (d->tz_minutes == 0) {
    snprintf(out + n, 32 - (size_t)n, "Z");
  } else {
    int tz = d->tz_minutes < 0 ? -d->tz_minutes : d->tz_minutes;
    snprintf(out + n, 32 - (size_t)n, "%c%02d:%02d", d->tz_minutes < 0 ? '-' : '+', tz / 60,
             tz % 60);
  }
}
