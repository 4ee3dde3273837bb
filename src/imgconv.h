/* Image conversion for the outputs: decoding to 8-bit pixels, EXIF
 * orientation, grayscale, downscaling and re-encoding, and the policy that
 * decides which of these an image needs (a2b_imgconv_prepare).
 *
 * Decoders live in imgdec_<format>.c, pixel operations in imgscale.c,
 * encoders in imgencode.c, EXIF parsing in exif.c. Everything here is
 * reentrant: no library state outlives a call. */
#ifndef A2B_IMGCONV_H
#define A2B_IMGCONV_H

#include <stdbool.h>
#include <stddef.h>

#include "image.h"

/* Images larger than this (declared in the header) are refused before any
 * pixel memory is allocated. */
#define A2B_IMAGE_MAX_SIDE 30000
#define A2B_IMAGE_MAX_PIXELS 100000000L
/* Default for --max-image-width; JPEG quality when re-encoding. */
#define A2B_IMAGE_MAX_WIDTH_DEFAULT 1600
#define A2B_IMAGE_JPEG_QUALITY 85

typedef struct a2b_image_policy {
  int max_width;  /* wider images are scaled down to this width; 0: never */
  bool grayscale; /* convert every raster image to 8-bit gray (e-ink) */
} a2b_image_policy;

/* Interleaved 8-bit pixels, rows of width * channels bytes, no padding.
 * channels: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA (alpha not premultiplied).
 * `data` is on the heap; a2b_pixels_free() frees it. */
typedef struct a2b_pixels {
  int width, height, channels;
  unsigned char *data;
} a2b_pixels;

/* What a decoder returns. */
typedef struct a2b_decoded {
  a2b_pixels px;
  int orientation;   /* EXIF orientation 1..8 read from the file; 1 when none */
  bool photographic; /* lossy source (JPEG, lossy WebP, JPEG-in-TIFF) */
} a2b_decoded;

void a2b_pixels_free(a2b_pixels *px);

/* NULL when width x height is within the limits above, else a heap phrase
 * (free()) such as "declared size 100000x100000 pixels is too large (limit:
 * 30000 a side, 100 megapixels)". Non-positive sizes are "corrupt". */
char *a2b_image_size_error(long width, long height);

/* ---- decoders (imgdec_*.c) ----------------------------------------------
 * Each decodes data[0..size) into *out (zeroed first) and returns true; on
 * failure returns false, leaves nothing to free in *out and sets *err to a
 * heap phrase (free()) without the file name, e.g. "corrupt PNG (IDAT:
 * incorrect data check)". The declared size is checked with
 * a2b_image_size_error before pixels are allocated. Output channels: gray
 * sources give 1 or 2, colour sources 3 or 4 (alpha only when the file has
 * an alpha channel or transparency). Orientation is reported, not applied. */
bool a2b_png_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err);
/* JPEG: CMYK/YCCK converted to RGB; a file that ends early is an error. */
bool a2b_jpeg_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err);
/* WebP: the first frame of an animation is refused ("animated WebP ..."). */
bool a2b_webp_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err);
/* TIFF: the first image (page) through libtiff's RGBA reader. */
bool a2b_tiff_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err);
/* BMP: 1, 4, 8, 24 and 32 bits per pixel, uncompressed, BI_BITFIELDS (32
 * bits) and RLE8; anything else is refused with a message naming it. */
bool a2b_bmp_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err);
/* By the sniffed media type (PNG, JPEG, WebP, TIFF, BMP); other types are
 * refused. */
bool a2b_image_decode(const unsigned char *data, size_t size, const a2b_image_info *info,
                      a2b_decoded *out, char **err);

/* ---- EXIF (exif.c) ------------------------------------------------------ */

/* The orientation tag (274) of the first IFD of TIFF-structured data
 * (an EXIF block after its "Exif\0\0" prefix, or a TIFF file); 1 when
 * absent, out of range or unreadable. */
int a2b_exif_orientation(const unsigned char *tiff, size_t size);

/* ---- pixel operations (imgscale.c) --------------------------------------
 * Each replaces px->data (and its size fields) with the result; out of
 * memory aborts. */

/* Apply an EXIF orientation (1..8) so the pixels are upright; 1 is a no-op. */
void a2b_pixels_orient(a2b_pixels *px, int orientation);
/* To 1 (gray) or 2 (gray + alpha) channels: luminance (Rec. 709) computed
 * in linear light. Gray input is left alone. */
void a2b_pixels_grayscale(a2b_pixels *px);
/* Drop an alpha channel (which must be fully opaque to lose nothing). */
void a2b_pixels_drop_alpha(a2b_pixels *px);
/* Scale down to `width` (height keeps the aspect ratio, at least 1) by area
 * averaging in linear light, alpha-weighted. No-op unless 0 < width <
 * px->width. */
void a2b_pixels_downscale(a2b_pixels *px, int width);
/* True when there is no alpha channel or every pixel is opaque. */
bool a2b_pixels_opaque(const a2b_pixels *px);
/* True when the image has more than `limit` distinct colours (alpha
 * ignored); stops counting early. */
bool a2b_pixels_more_colours(const a2b_pixels *px, int limit);

/* The distinct colours of 3- or 4-channel pixels in order of first
 * appearance: stored in map (channels bytes each, room for 256) and, when
 * `index` is not NULL, each pixel's entry in index[width * height].
 * Returns the count, or -1 when there are more than 256. */
int a2b_pixels_palette(const a2b_pixels *px, unsigned char *map, unsigned char *index);
/* Replace each pixel by the nearest (squared distance over all channels) of
 * the n colours in map, which has px->channels bytes per entry. Keeps a
 * palette image a palette image after scaling, so it stays small. */
void a2b_pixels_remap(a2b_pixels *px, const unsigned char *map, int n);

/* ---- encoders (imgencode.c) ---------------------------------------------
 * Return heap bytes (free()) and their size; NULL with *err (heap) on a
 * library failure. Output is deterministic (no time stamps). */

/* Baseline JPEG at `quality` (1..100), optimised Huffman tables, JFIF only
 * (no EXIF); 1 or 3 channels (alpha must have been dropped). */
unsigned char *a2b_jpeg_encode(const a2b_pixels *px, int quality, size_t *size, char **err);
/* PNG, any channel count; 8-bit palette when there are at most 256 colours.
 * `fast`: libpng's fast mode (about a third of the time, files about 40%
 * larger), for the drawn cover, which would otherwise cost more to encode
 * than to draw. */
unsigned char *a2b_png_encode(const a2b_pixels *px, bool fast, size_t *size, char **err);

/* ---- the policy (imgconv.c) ---------------------------------------------
 * What goes into the book for image bytes data[0..size) sniffed as *info:
 * - GIF and SVG: unchanged.
 * - every raster type: the declared size is checked first; a PNG or JPEG
 *   that ends early is refused.
 * - PNG and JPEG are kept byte for byte unless they are wider than
 *   policy->max_width, not gray under policy->grayscale, or (JPEG) carry
 *   an EXIF orientation other than 1; then they are decoded, turned
 *   upright, made gray, scaled down and re-encoded in their own format
 *   (JPEG at A2B_IMAGE_JPEG_QUALITY, without EXIF). An image of at most
 *   256 colours is mapped back onto its own colours after scaling (area
 *   averaging makes new ones at every edge), so it stays a palette PNG.
 * - WebP, TIFF and BMP are always converted the same way, to JPEG when the
 *   result is opaque and photographic (lossy source, or more than 256
 *   colours), else to PNG.
 * Returns true with *out NULL and *out_size 0 when the bytes stay as they are,
 * or with *out (heap, free()) the new bytes and *info updated to describe
 * them. Returns false with *err (heap phrase, no file name) when the image
 * is refused or cannot be decoded. */
bool a2b_imgconv_prepare(const unsigned char *data, size_t size, a2b_image_info *info,
                         const a2b_image_policy *policy, unsigned char **out, size_t *out_size,
                         char **err);

#endif
