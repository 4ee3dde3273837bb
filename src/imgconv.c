/* The image policy: which images are kept byte for byte and which are
 * decoded, turned upright, made gray, scaled down and re-encoded. */
#include "imgconv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

void a2b_pixels_free(a2b_pixels *px) {
  free(px->data);
  px->data = NULL;
}

char *a2b_image_size_error(long width, long height) {
  if (width <= 0 || height <= 0) return a2b_xsprintf("corrupt image (size %ldx%ld)", width, height);
  if (width > A2B_IMAGE_MAX_SIDE || height > A2B_IMAGE_MAX_SIDE ||
      width * height > A2B_IMAGE_MAX_PIXELS)
    return a2b_xsprintf("declared size %ldx%ld pixels is too large (limit: %d a side, %ld "
                        "megapixels)",
                        width, height, A2B_IMAGE_MAX_SIDE, A2B_IMAGE_MAX_PIXELS / 1000000);
  return NULL;
}

static bool is(const a2b_image_info *info, const char *type) {
  return !strcmp(info->media_type, type);
}

bool a2b_image_decode(const unsigned char *data, size_t size, const a2b_image_info *info,
                      a2b_decoded *out, char **err) {
  if (is(info, "image/png")) return a2b_png_decode(data, size, out, err);
  if (is(info, "image/jpeg")) return a2b_jpeg_decode(data, size, out, err);
  if (is(info, "image/webp")) return a2b_webp_decode(data, size, out, err);
  if (is(info, "image/tiff")) return a2b_tiff_decode(data, size, out, err);
  if (is(info, "image/bmp")) return a2b_bmp_decode(data, size, out, err);
  memset(out, 0, sizeof *out);
  *err = a2b_xsprintf("%s images are not decoded", info->media_type);
  return false;
}

/* ---- what a PNG or JPEG header says, without decoding ------------------- */

typedef struct probe {
  bool gray;
  int orientation;
  const char *truncated; /* static phrase when the file ends early */
} probe;

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Colour type from IHDR; every chunk must be there up to IEND. */
static void probe_png(const unsigned char *d, size_t size, probe *pr) {
  pr->gray = size > 25 && (d[25] == 0 || d[25] == 4);
  for (size_t i = 8; i < size && size - i >= 12;) {
    uint32_t len = be32(d + i);
    if (len > size - i - 12) break;
    if (!memcmp(d + i + 4, "IEND", 4)) return;
    i += 12 + (size_t)len;
  }
  pr->truncated = "truncated PNG (it ends before its IEND chunk)";
}

/* Components from SOFn, orientation from an EXIF APP1; after the first scan
 * header (or wherever the marker walk stops) there must be an end-of-image
 * marker: 0xFF 0xD9 cannot occur in entropy-coded data, which stuffs every
 * 0xFF. */
static void probe_jpeg(const unsigned char *d, size_t size, probe *pr) {
  size_t i = 2;
  while (i + 4 <= size && d[i] == 0xFF) {
    unsigned m = d[i + 1];
    if (m == 0xFF || m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
      i += m == 0xFF ? 1 : 2; /* fill byte, or a marker without a length */
      continue;
    }
    size_t len = (size_t)d[i + 2] << 8 | d[i + 3];
    if (len < 2 || len > size - i - 2) break;
    const unsigned char *seg = d + i + 4;
    if (m == 0xE1 && len > 8 && !memcmp(seg, "Exif\0\0", 6))
      pr->orientation = a2b_exif_orientation(seg + 6, len - 8);
    else if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && len >= 8)
      pr->gray = seg[5] == 1;
    i += 2 + len;
    if (m == 0xDA) break;
  }
  for (size_t k = i; k + 1 < size; k++)
    if (d[k] == 0xFF && d[k + 1] == 0xD9) return;
  pr->truncated = "truncated JPEG (it ends before its end-of-image marker)";
}

/* ---- the policy ----------------------------------------------------------- */

static bool needs_change(const a2b_image_info *info, const probe *pr,
                         const a2b_image_policy *policy) {
  return !info->width || (policy->max_width > 0 && info->width > policy->max_width) ||
         (policy->grayscale && !pr->gray) || pr->orientation != 1;
}

bool a2b_imgconv_prepare(const unsigned char *data, size_t size, a2b_image_info *info,
                         const a2b_image_policy *policy, unsigned char **out, size_t *out_size,
                         char **err) {
  *out = NULL;
  *out_size = 0;
  *err = NULL;
  if (is(info, "image/gif") || is(info, "image/svg+xml")) return true;
  if (info->width && info->height && (*err = a2b_image_size_error(info->width, info->height)))
    return false;
  bool png = is(info, "image/png"), jpeg = is(info, "image/jpeg");
  if (png || jpeg) {
    probe pr = {false, 1, NULL};
    (png ? probe_png : probe_jpeg)(data, size, &pr);
    if (pr.truncated) {
      *err = a2b_xstrdup(pr.truncated);
      return false;
    }
    if (!needs_change(info, &pr, policy)) return true;
  }
  a2b_decoded dec;
  if (!a2b_image_decode(data, size, info, &dec, err)) return false;
  a2b_pixels *px = &dec.px;
  a2b_pixels_orient(px, dec.orientation);
  if (policy->max_width > 0 && px->width > policy->max_width) {
    unsigned char map[256 * 4];
    int colours = px->channels >= 3 && !jpeg ? a2b_pixels_palette(px, map, NULL) : -1;
    a2b_pixels_downscale(px, policy->max_width);
    if (colours > 0) a2b_pixels_remap(px, map, colours);
  }
  if (policy->grayscale) a2b_pixels_grayscale(px);
  bool to_jpeg = jpeg || (!png && a2b_pixels_opaque(px) &&
                          (dec.photographic || a2b_pixels_more_colours(px, 256)));
  if (to_jpeg) {
    a2b_pixels_drop_alpha(px);
    *out = a2b_jpeg_encode(px, A2B_IMAGE_JPEG_QUALITY, out_size, err);
  } else {
    if (a2b_pixels_opaque(px)) a2b_pixels_drop_alpha(px); /* an alpha channel of 255s */
    *out = a2b_png_encode(px, false, out_size, err);
  }
  a2b_pixels_free(px);
  if (!*out) return false;
  a2b_image_sniff(*out, *out_size, info);
  return true;
}
