/* Where lines may break, and which characters may not start or end a line
 * (kinsoku): a pure module, no fonts and no pango.
 *
 * a2b_br_find implements the line breaking of UAX #14 for text made only of
 * Latin, Greek and Cyrillic letters, digits, common punctuation, CJK
 * ideographs, kana, bopomofo and full-width forms, tailored by the
 * line-start and line-end prohibitions of clreq (Chinese) and jlreq
 * (Japanese, strict: small kana and ー never start a line, in Chinese
 * text too). `cjk`: the paragraph is Chinese or Japanese (· is then a
 * CJK mark that never starts a line, else a Latin letter):
 *   - never inside a Latin word or number (`API`, `2024`, `3.14`, `a-b`
 *     breaks only after the hyphen);
 *   - between two CJK characters, and between CJK and Latin text, yes;
 *   - never before closing brackets, closing quotes, 、。，．：；？！ and the
 *     like, nor before · ～ 〜 ‼ ゝ 々 (and small kana and ー in Japanese);
 *   - never after opening brackets and quotes, even across spaces;
 *   - “ and ” are opening / closing marks next to CJK text (a break before
 *     “ and after ” there), and glued to Latin text as UAX #14 LB19 says;
 *   - —— and …… (U+2014, U+2026, U+2025) are never split and never start a
 *     line;
 *   - a break after white space is given before the first character after
 *     it; no-break spaces (U+00A0, U+202F, U+2060, U+FEFF) glue.
 * Text holding anything else (Thai, Arabic, Devanagari, Hangul, emoji...)
 * is refused: the caller then asks a full UAX #14 implementation and
 * applies a2b_br_kinsoku to its answer. */
#ifndef A2B_PDF_BREAKRULES_H
#define A2B_PDF_BREAKRULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The break action before a character. */
enum {
  A2B_BR_WORD = 0,  /* no break (inside a word); a code line or a word wider
                       than the line may still be cut here */
  A2B_BR_ALLOW = 1, /* a legal line break */
  A2B_BR_NEVER = 2  /* never: a prohibition (kinsoku), an inseparable pair
                       (——, ……) or a no-break space */
};

/* Break actions for text[0, len) (valid UTF-8): out[i] for i in
 * [0, n_chars] is the action before character i (out[0] is NEVER; out at
 * n_chars is ALLOW, the end). `out` holds n_chars + 1 entries. Returns
 * false, with `out` unspecified, when the text holds a character this
 * module does not know. */
bool a2b_br_find(const char *text, size_t len, bool cjk, unsigned char *out);

/* Apply the prohibitions to actions found by another implementation
 * (WORD / ALLOW per character, same layout as a2b_br_find): set NEVER
 * before a character that may not start a line, after one that may not end
 * a line (across white space), and inside —— and ……. */
void a2b_br_kinsoku(const char *text, size_t len, bool cjk, unsigned char *out);

/* True when `c` may not start a line (closing marks, 、。，．：；？！, ～,
 * ——, ……, small kana, ー; · when `cjk`). */
bool a2b_br_no_start(uint32_t c, bool cjk);
/* True when `c` may not end a line (opening brackets and quotes). */
bool a2b_br_no_end(uint32_t c);

/* True for CJK punctuation that may give up a blank half em (opening and
 * closing brackets and quotes, 、。，．：；？！): which half is blank, if
 * any, depends on the font and its locale (ask its glyph's ink). */
bool a2b_br_is_compressible(uint32_t c);

/* True for characters between which and Latin letters or digits a CJK
 * paragraph puts a quarter em: Han ideographs, kana and bopomofo (not
 * punctuation). */
bool a2b_br_is_ideo(uint32_t c);

#endif
