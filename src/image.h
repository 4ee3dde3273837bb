/* Recognising images by their bytes, never by file name: media type,
 * usual extension, and pixel size where the header gives it cheaply. */
#ifndef A2B_IMAGE_H
#define A2B_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct a2b_image_info {
  const char *media_type; /* static string, e.g. "image/png" */
  const char *ext;        /* static string without the dot, e.g. "png", "jpg" */
  int width, height;      /* pixels; 0 when unknown (or absurd) */
} a2b_image_info;

/* Sniff data[0..size). Recognises PNG, JPEG, GIF, WebP, TIFF, BMP and SVG
 * (text whose root element is <svg, after an optional BOM, XML declaration,
 * comments, processing instructions and DOCTYPE). Sizes: PNG IHDR, GIF
 * screen, JPEG SOFn, WebP VP8/VP8L/VP8X, BMP header, TIFF first IFD, SVG
 * width/height (unitless, px or pt) or else the viewBox.
 *
 * Returns true and fills *info when the type is known (the size may still
 * be 0x0 if the header is truncated or corrupt); returns false and zeroes
 * *info otherwise. Never reads outside data[0..size); `data` may be NULL
 * when size is 0. */
bool a2b_image_sniff(const unsigned char *data, size_t size, a2b_image_info *info);

#endif
