/* PNG decoding through libpng's simplified API. */
#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "imgconv.h"

static long be32(const unsigned char *p) {
  return (long)((unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
                p[3]);
}

bool a2b_png_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err) {
  memset(out, 0, sizeof *out);
  out->orientation = 1;
  /* IHDR's size first: libpng reads on up to the pixel data before it tells. */
  if (size >= 24 && (*err = a2b_image_size_error(be32(data + 16), be32(data + 20)))) return false;
  png_image im;
  memset(&im, 0, sizeof im);
  im.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&im, data, size)) {
    *err = a2b_xsprintf("corrupt PNG (%s)", im.message);
    png_image_free(&im);
    return false;
  }
  if ((*err = a2b_image_size_error((long)im.width, (long)im.height))) {
    png_image_free(&im);
    return false;
  }
  bool colour = im.format & PNG_FORMAT_FLAG_COLOR, alpha = im.format & PNG_FORMAT_FLAG_ALPHA;
  im.format = (colour ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) | (alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
  a2b_pixels *px = &out->px;
  px->width = (int)im.width;
  px->height = (int)im.height;
  px->channels = (colour ? 3 : 1) + (alpha ? 1 : 0);
  px->data = a2b_xmalloc(PNG_IMAGE_SIZE(im));
  if (!png_image_finish_read(&im, NULL, px->data, 0, NULL)) {
    *err = a2b_xsprintf("corrupt PNG (%s)", im.message);
    png_image_free(&im);
    a2b_pixels_free(px);
    return false;
  }
  png_image_free(&im);
  return true;
}
