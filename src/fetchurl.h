/* Remote image references as written in articles, made into URLs that
 * libcurl accepts and the cache can key on. */
#ifndef A2B_FETCHURL_H
#define A2B_FETCHURL_H

/* The absolute URL to fetch for `ref`, an http:, https: or
 * protocol-relative ("//host/x", also "\\host\x") reference as written:
 * protocol-relative references get "https:"; the scheme is lower-cased; the
 * fragment is dropped; in the path and query, '\' becomes '/' (as browsers
 * read it) and spaces, control characters, non-ASCII bytes and
 * "<>\"^`{|}" are percent-encoded (existing %XX stay as written). The host
 * part is kept as written (libcurl handles IDN names).
 * Returns a heap string (caller free()s), or NULL when `ref` is none of
 * those forms or names no host. */
char *a2b_fetchurl_normalize(const char *ref);

#endif
