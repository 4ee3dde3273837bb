/* BMP decoding: a small reader of its own for the common forms (1, 4, 8,
 * 16, 24 and 32 bits per pixel; uncompressed, BI_BITFIELDS and RLE8). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "imgconv.h"

enum { BI_RGB = 0, BI_RLE8 = 1, BI_RLE4 = 2, BI_BITFIELDS = 3, BI_JPEG = 4, BI_PNG = 5 };

static uint32_t le16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const unsigned char *p) { return le16(p) | le16(p + 2) << 16; }

typedef struct bmp {
  const unsigned char *d;
  size_t size;
  long width, height; /* height > 0 */
  bool top_down;
  unsigned bpp, compression;
  size_t pixels;                /* offset of the pixel array */
  const unsigned char *palette; /* entries of `entry` bytes, B G R */
  unsigned n_colours, entry;
  uint32_t mask[4];             /* R G B A for 16 and 32 bits */
} bmp;

/* One channel out of a masked pixel value, scaled to 0..255. */
static unsigned channel(uint32_t v, uint32_t mask) {
  if (!mask) return 255;
  unsigned shift = (unsigned)__builtin_ctz(mask);
  uint32_t max = mask >> shift, c = (v & mask) >> shift;
  return (unsigned)((uint64_t)c * 255 / max);
}

static void put_index(const bmp *b, unsigned char *o, unsigned i) {
  if (i >= b->n_colours) i = 0;
  const unsigned char *e = b->palette + (size_t)i * b->entry;
  o[0] = e[2], o[1] = e[1], o[2] = e[0];
}

static size_t row_stride(const bmp *b) { return ((size_t)b->width * b->bpp + 31) / 32 * 4; }

/* Uncompressed and BI_BITFIELDS rows, known to be within the data. */
static void read_rows(const bmp *b, a2b_pixels *px) {
  size_t stride = row_stride(b);
  for (long y = 0; y < b->height; y++) {
    const unsigned char *row = b->d + b->pixels + (size_t)y * stride;
    long out_y = b->top_down ? y : b->height - 1 - y;
    unsigned char *o = px->data + (size_t)out_y * (size_t)px->width * (size_t)px->channels;
    for (long x = 0; x < b->width; x++, o += px->channels) {
      if (b->bpp <= 8) {
        unsigned per = 8 / b->bpp, shift = (unsigned)(8 - b->bpp * (1 + x % per));
        put_index(b, o, (row[x / per] >> shift) & ((1u << b->bpp) - 1));
      } else if (b->bpp == 24) {
        const unsigned char *p = row + x * 3;
        o[0] = p[2], o[1] = p[1], o[2] = p[0];
      } else {
        uint32_t v = b->bpp == 16 ? le16(row + x * 2) : le32(row + x * 4);
        for (int c = 0; c < px->channels; c++) o[c] = (unsigned char)channel(v, b->mask[c]);
      }
    }
  }
}

/* RLE8, bottom-up; pixels the stream skips stay palette entry 0. */
static const char *read_rle8(const bmp *b, a2b_pixels *px) {
  size_t i = b->pixels;
  long x = 0, y = 0;
  for (long yy = 0; yy < b->height; yy++)
    for (long xx = 0; xx < b->width; xx++)
      put_index(b, px->data + ((size_t)yy * (size_t)b->width + (size_t)xx) * 3, 0);
#define PUT(idx)                                                                              \
  do {                                                                                        \
    if (x < b->width && y < b->height)                                                        \
      put_index(b, px->data + ((size_t)(b->height - 1 - y) * (size_t)b->width + (size_t)x) * 3, \
                (idx));                                                                       \
    x++;                                                                                      \
  } while (0)
  for (;;) {
    if (i > b->size || b->size - i < 2) return "truncated BMP (RLE8 data ends early)";
    unsigned n = b->d[i], v = b->d[i + 1];
    i += 2;
    if (n) {
      for (unsigned k = 0; k < n; k++) PUT(v);
    } else if (v == 0) {
      x = 0, y++;
    } else if (v == 1) {
      return NULL;
    } else if (v == 2) {
      if (b->size - i < 2) return "truncated BMP (RLE8 data ends early)";
      x += b->d[i], y += b->d[i + 1];
      i += 2;
    } else {
      if (b->size - i < v) return "truncated BMP (RLE8 data ends early)";
      for (unsigned k = 0; k < v; k++) PUT(b->d[i + k]);
      i += v + (v & 1);
    }
    if (y >= b->height) return NULL;
  }
#undef PUT
}

static const char *parse(bmp *b) {
  const unsigned char *d = b->d;
  if (b->size < 26) return "truncated BMP (header)";
  uint32_t hsize = le32(d + 14);
  b->pixels = le32(d + 10);
  b->compression = BI_RGB;
  if (hsize == 12) {
    b->width = (long)le16(d + 18), b->height = (long)le16(d + 20), b->bpp = le16(d + 24);
    b->entry = 3;
  } else {
    if (hsize < 40 || b->size < 14 + (size_t)hsize) return "truncated BMP (header)";
    b->width = (long)(int32_t)le32(d + 18);
    b->height = (long)(int32_t)le32(d + 22);
    b->bpp = le16(d + 28);
    b->compression = le32(d + 30);
    b->n_colours = le32(d + 46);
    b->entry = 4;
  }
  if (b->height < 0) b->top_down = true, b->height = -b->height;
  size_t pal = 14 + (size_t)hsize;
  if (b->compression == BI_BITFIELDS) {
    const unsigned char *m = d + (hsize >= 52 ? 54 : pal);
    if (hsize < 52 && b->size - pal < 12) return "truncated BMP (colour masks)";
    for (int c = 0; c < 3; c++) b->mask[c] = le32(m + 4 * c);
    if (hsize >= 56) b->mask[3] = le32(d + 66);
    if (hsize < 52) pal += 12;
  } else if (b->bpp == 16) {
    b->mask[0] = 0x7C00, b->mask[1] = 0x03E0, b->mask[2] = 0x001F;
  } else if (b->bpp == 32) {
    b->mask[0] = 0xFF0000, b->mask[1] = 0xFF00, b->mask[2] = 0xFF;
  }
  switch (b->compression) {
  case BI_RGB: break;
  case BI_RLE8:
    if (b->bpp != 8) return "corrupt BMP (RLE8 needs 8 bits per pixel)";
    if (b->top_down) return "corrupt BMP (RLE8 cannot be top-down)";
    break;
  case BI_BITFIELDS:
    if (b->bpp != 16 && b->bpp != 32) return "corrupt BMP (bit fields need 16 or 32 bits)";
    for (int c = 0; c < 3; c++)
      if (!b->mask[c]) return "corrupt BMP (an empty colour mask)";
    break;
  case BI_RLE4: return "BMP with RLE4 compression is not supported";
  case BI_JPEG: return "BMP holding a JPEG is not supported";
  case BI_PNG: return "BMP holding a PNG is not supported";
  default: return "BMP with an unknown compression is not supported";
  }
  if (b->bpp != 1 && b->bpp != 4 && b->bpp != 8 && b->bpp != 16 && b->bpp != 24 && b->bpp != 32)
    return "BMP with this pixel depth is not supported (1, 4, 8, 16, 24 or 32 bits)";
  if (b->bpp <= 8) {
    unsigned max = 1u << b->bpp;
    if (!b->n_colours || b->n_colours > max) b->n_colours = max;
    if (pal > b->size || (b->size - pal) / b->entry < b->n_colours)
      return "truncated BMP (palette)";
    b->palette = d + pal;
  }
  return NULL;
}

/* 32-bit files often leave the alpha byte at 0: then it is not alpha. */
static bool alpha_used(const bmp *b) {
  if (!b->mask[3] || b->bpp != 32) return false;
  size_t stride = row_stride(b);
  for (long y = 0; y < b->height; y++)
    for (long x = 0; x < b->width; x++)
      if (le32(b->d + b->pixels + (size_t)y * stride + (size_t)x * 4) & b->mask[3]) return true;
  return false;
}

bool a2b_bmp_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err) {
  memset(out, 0, sizeof *out);
  out->orientation = 1;
  bmp b = {.d = data, .size = size};
  const char *why = parse(&b);
  if (why) {
    *err = a2b_xstrdup(why);
    return false;
  }
  if ((*err = a2b_image_size_error(b.width, b.height))) return false;
  a2b_pixels *px = &out->px;
  px->width = (int)b.width;
  px->height = (int)b.height;
  px->channels = 3;
  if (b.compression != BI_RLE8) {
    if (b.pixels > size || (size - b.pixels) / row_stride(&b) < (size_t)b.height) {
      *err = a2b_xstrdup("truncated BMP (pixel data ends early)");
      return false;
    }
    if (alpha_used(&b)) px->channels = 4;
  }
  px->data = a2b_xmalloc((size_t)px->width * (size_t)px->height * (size_t)px->channels);
  if (b.compression != BI_RLE8)
    read_rows(&b, px);
  else if ((why = read_rle8(&b, px))) {
    a2b_pixels_free(px);
    *err = a2b_xstrdup(why);
    return false;
  }
  return true;
}
