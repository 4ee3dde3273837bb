/* Stylesheets compiled in from styles/ (see cmake/embed_styles.cmake):
 * NUL-terminated, with their length in bytes. */
#ifndef A2B_STYLES_H
#define A2B_STYLES_H

#include <stddef.h>

extern const char a2b_style_epub_css[];
extern const size_t a2b_style_epub_css_len;
/* The built-in print style of the PDF back end (src/pdf/style.c). */
extern const char a2b_style_print_yaml[];
extern const size_t a2b_style_print_yaml_len;

#endif
