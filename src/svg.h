/* Making an SVG file safe to embed in an e-book. */
#ifndef A2B_SVG_H
#define A2B_SVG_H

#include <stddef.h>

/* Parse data[0..size) as XML with libxml2 (no network, no external DTD or
 * entity loading) and re-serialise it as a standalone UTF-8 SVG document:
 * an XML declaration and the <svg> root (given the SVG namespace if it had
 * none), without DOCTYPE, processing instructions, <script>, <foreignObject>,
 * <iframe>/<embed>/<object>, on* event attributes, animations of href or
 * event attributes, href/xlink:href values other than "#..." and
 * "data:image/...", and attributes or <style> elements that reference
 * anything but "#..." or data: through url() or @import. Internal entities
 * declared in the DOCTYPE are expanded; external or parameter entities, and
 * references to undeclared entities, are refused.
 *
 * Returns a NUL-terminated heap buffer (free()) and sets *out_len to its
 * length without the NUL. On failure (not well-formed XML, root is not
 * <svg>, refused entities, input over 2 GB) returns NULL and sets *err to
 * a heap message (free()), e.g. "malformed SVG (line 3: ...)". */
char *a2b_svg_sanitize(const unsigned char *data, size_t size, size_t *out_len, char **err);

#endif
