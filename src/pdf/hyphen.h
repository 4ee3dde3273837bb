/* Where Latin words may be hyphenated: libhyphen with the TeX patterns that
 * Debian's hyphen-* packages install (DIR/hyph_<lang>[_<REGION>].dic), no
 * fonts and no pango.
 *
 * A dictionary is chosen by the BCP 47 language: `de-CH` tries hyph_de_CH,
 * then hyph_de, then hyph_de_DE; `en` (any region not installed) ends with
 * hyph_en_US. A language with no dictionary is not hyphenated. Each
 * dictionary is loaded once, when a language first asks for it, and keeps a
 * cache of the words it has hyphenated (so a word costs one pattern match
 * per hyphenator, however often it repeats).
 *
 * Words. A word is a run of letters of the Latin, Greek or Cyrillic
 * scripts (with their combining marks); apostrophes, hyphens and all other
 * characters end it. It gets hyphenation points only when it has at least
 * `min_word` letters and is lower case or capitalized (all-caps acronyms
 * like `HTTPS` and mixed case like `JavaScript` or `iPhone` are left
 * whole), and the white-space delimited token holding it has no digit and
 * none of / \ @ _ = < > { } # ~ | ^ * + & % $, nor a . or : followed by a
 * letter or digit (URLs, e-mail addresses, paths, identifiers, versions,
 * `x86`, `utf8` are never hyphenated). Points keep `left` characters
 * before and `right` characters after the hyphen. Points the patterns mark
 * as non-standard (German `Schiffahrt` -> `Schiff-fahrt`) are left out. */
#ifndef A2B_PDF_HYPHEN_H
#define A2B_PDF_HYPHEN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct a2b_pdf_hyph a2b_pdf_hyph;

typedef struct a2b_pdf_hyph_rules {
  int min_word;    /* shortest word hyphenated, in letters (e.g. 5) */
  int left, right; /* least letters before / after a hyphen (e.g. 2, 3) */
} a2b_pdf_hyph_rules;

/* A hyphenator reading dictionaries from `dir` (NULL: /usr/share/hyphen).
 * Never NULL; a missing folder only means no language is hyphenated. */
a2b_pdf_hyph *a2b_pdf_hyph_new(const char *dir);
void a2b_pdf_hyph_free(a2b_pdf_hyph *h);

/* True when a dictionary is installed for `lang` (loads it). */
bool a2b_pdf_hyph_has(a2b_pdf_hyph *h, const char *lang);

/* Hyphenation points of the words of text[0, len) (valid UTF-8) in `lang`:
 * out[i] is set to 1 where a hyphen may be put before character i of the
 * text and left alone elsewhere (out holds one entry per character).
 * Characters i with skip[i] != 0 (NULL: none) are text never hyphenated
 * (code, URLs): a word holding one is left whole. Returns the number of
 * points set; 0 when `lang` has no dictionary. */
size_t a2b_pdf_hyph_text(a2b_pdf_hyph *h, const char *lang, const a2b_pdf_hyph_rules *r,
                         const char *text, size_t len, const unsigned char *skip,
                         unsigned char *out);

#endif
