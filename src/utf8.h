/* UTF-8 decoding and the character classes the pipeline needs. */
#ifndef A2B_UTF8_H
#define A2B_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode the code point at *p and advance *p past it. The text must be
 * valid UTF-8 (see a2b_utf8_sanitize); a NUL byte returns 0 and does not
 * advance. */
uint32_t a2b_utf8_next(const char **p);

/* If `s` (`*len` bytes) is valid UTF-8 without NUL bytes, returns `s`
 * itself. Otherwise returns a new heap copy (NUL-terminated) in which each
 * invalid byte and each NUL is replaced with U+FFFD, and updates *len. */
char *a2b_utf8_sanitize(char *s, size_t *len);

/* Han ideographs (CJK unified, extensions, compatibility). */
bool a2b_is_han(uint32_t c);
/* Hiragana, katakana (incl. half-width and phonetic extensions). */
bool a2b_is_kana(uint32_t c);
/* Any character set as a CJK "wide" letter or mark: Han, kana, Hangul,
 * CJK symbols and punctuation, full-width forms. */
bool a2b_is_cjk(uint32_t c);

#endif
