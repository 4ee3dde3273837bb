/* WebP decoding through libwebp, with the EXIF orientation from the
 * extended format's EXIF chunk. */
#include <stdint.h>
#include <string.h>
#include <webp/decode.h>

#include "arena.h"
#include "imgconv.h"

static uint32_t le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Walk the RIFF chunks for "EXIF" (only the extended format has one). */
static int exif_orientation(const unsigned char *d, size_t size) {
  for (size_t i = 12; i < size && size - i >= 8;) {
    uint32_t len = le32(d + i + 4);
    if (len > size - i - 8) break;
    if (!memcmp(d + i, "EXIF", 4)) {
      const unsigned char *p = d + i + 8;
      size_t n = len;
      if (n > 6 && !memcmp(p, "Exif\0\0", 6)) p += 6, n -= 6; /* some writers keep the prefix */
      return a2b_exif_orientation(p, n);
    }
    i += 8 + (size_t)len + (len & 1);
  }
  return 1;
}

static const char *status_text(VP8StatusCode s) {
  switch (s) {
  case VP8_STATUS_OUT_OF_MEMORY: return "out of memory";
  case VP8_STATUS_INVALID_PARAM: return "invalid parameter";
  case VP8_STATUS_BITSTREAM_ERROR: return "bitstream error";
  case VP8_STATUS_UNSUPPORTED_FEATURE: return "unsupported feature";
  case VP8_STATUS_NOT_ENOUGH_DATA: return "the file ends early";
  default: return "cannot decode";
  }
}

bool a2b_webp_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err) {
  memset(out, 0, sizeof *out);
  out->orientation = 1;
  WebPBitstreamFeatures f;
  VP8StatusCode s = WebPGetFeatures(data, size, &f);
  if (s != VP8_STATUS_OK) {
    *err = a2b_xsprintf("corrupt WebP (%s)", status_text(s));
    return false;
  }
  if ((*err = a2b_image_size_error(f.width, f.height))) return false;
  if (f.has_animation) {
    *err = a2b_xstrdup("animated WebP is not supported");
    return false;
  }
  a2b_pixels *px = &out->px;
  px->width = f.width;
  px->height = f.height;
  px->channels = f.has_alpha ? 4 : 3;
  size_t stride = (size_t)px->width * (size_t)px->channels, total = stride * (size_t)px->height;
  px->data = a2b_xmalloc(total);
  uint8_t *ok = f.has_alpha ? WebPDecodeRGBAInto(data, size, px->data, total, (int)stride)
                            : WebPDecodeRGBInto(data, size, px->data, total, (int)stride);
  if (!ok) {
    a2b_pixels_free(px);
    *err = a2b_xstrdup("corrupt WebP (cannot decode the bitstream)");
    return false;
  }
  out->photographic = f.format == 1; /* 1 lossy, 2 lossless, 0 mixed or undefined */
  out->orientation = exif_orientation(data, size);
  return true;
}
