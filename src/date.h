/* Dates as front matter and file names write them. */
#ifndef A2B_DATE_H
#define A2B_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "art2book/doc.h"

/* Parse `2025-02-08 10:14:08`, ISO 8601 / RFC 3339 with or without time,
 * seconds, fractions and zone (`Z`, `+08:00`, `+0800`), `2025-02-08`,
 * `2025/02/08`, surrounding white space. Returns false (out untouched) when
 * `s` is not such a date or names an impossible one. */
bool a2b_date_parse(const char *s, a2b_date *out);

/* A `YYYY-MM-DD` at the start of the file name or of any folder name in
 * `path` (last match wins: the file name first). False if none. */
bool a2b_date_from_path(const char *path, a2b_date *out);

/* Seconds since 1970-01-01T00:00:00Z; floating times count as UTC, missing
 * times as midnight. Unset dates give INT64_MIN. */
int64_t a2b_date_epoch(const a2b_date *d);

/* Compare for sorting: unset dates after all set ones. */
int a2b_date_cmp(const a2b_date *a, const a2b_date *b);

/* Format as `2025-02-08`, or ISO 8601 `2025-02-08T10:14:08+08:00` when
 * `with_time` and a time is known. Writes at most 32 bytes to out. */
void a2b_date_format(const a2b_date *d, bool with_time, char out[32]);

#endif
