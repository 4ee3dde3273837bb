/* JPEG decoding through libjpeg, with the EXIF orientation from APP1. */
#include <string.h>

#include "jpegfail.h" /* before jerror.h: jpeglib.h first */
#include <jerror.h>

#include "arena.h"
#include "imgconv.h"

/* Warnings are silent, except that a file ending early is an error: libjpeg
 * would fill the rest of the picture with grey. */
static void message(j_common_ptr ci, int level) {
  if (level < 0 && ci->err->msg_code == JWRN_JPEG_EOF) a2b_jpeg_fail(ci);
}

static int exif_orientation(j_decompress_ptr ci) {
  for (jpeg_saved_marker_ptr m = ci->marker_list; m; m = m->next)
    if (m->marker == JPEG_APP0 + 1 && m->data_length > 6 && !memcmp(m->data, "Exif\0\0", 6))
      return a2b_exif_orientation(m->data + 6, m->data_length - 6);
  return 1;
}

/* Adobe CMYK JPEGs store the inks inverted. */
static void cmyk_to_rgb(const JSAMPLE *in, unsigned char *out, JDIMENSION width, bool inverted) {
  for (JDIMENSION x = 0; x < width; x++, in += 4, out += 3) {
    unsigned c = in[0], m = in[1], y = in[2], k = in[3];
    if (!inverted) c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
    out[0] = (unsigned char)(c * k / 255);
    out[1] = (unsigned char)(m * k / 255);
    out[2] = (unsigned char)(y * k / 255);
  }
}

static bool decode(struct jpeg_decompress_struct *ci, a2b_jpeg_failure *f, a2b_decoded *out,
                   char **err) {
  if (setjmp(f->jump)) return false;
  jpeg_save_markers(ci, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header(ci, TRUE);
  if ((*err = a2b_image_size_error((long)ci->image_width, (long)ci->image_height))) return false;
  out->orientation = exif_orientation(ci);
  bool cmyk = ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK;
  bool gray = ci->num_components == 1;
  ci->out_color_space = cmyk ? JCS_CMYK : gray ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(ci);
  a2b_pixels *px = &out->px;
  px->width = (int)ci->output_width;
  px->height = (int)ci->output_height;
  px->channels = gray ? 1 : 3;
  px->data = a2b_xmalloc((size_t)px->width * (size_t)px->height * (size_t)px->channels);
  JSAMPARRAY cmyk_row =
      cmyk ? ci->mem->alloc_sarray((j_common_ptr)ci, JPOOL_IMAGE, ci->output_width * 4, 1) : NULL;
  size_t stride = (size_t)px->width * (size_t)px->channels;
  while (ci->output_scanline < ci->output_height) {
    unsigned char *row = px->data + (size_t)ci->output_scanline * stride;
    if (cmyk) {
      jpeg_read_scanlines(ci, cmyk_row, 1);
      cmyk_to_rgb(cmyk_row[0], row, ci->output_width, ci->saw_Adobe_marker);
    } else {
      jpeg_read_scanlines(ci, &row, 1);
    }
  }
  jpeg_finish_decompress(ci);
  return true;
}

bool a2b_jpeg_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err) {
  memset(out, 0, sizeof *out);
  out->orientation = 1;
  out->photographic = true;
  *err = NULL;
  struct jpeg_decompress_struct ci;
  a2b_jpeg_failure f;
  ci.err = a2b_jpeg_failure_init(&f, message);
  jpeg_create_decompress(&ci);
  jpeg_mem_src(&ci, data, (unsigned long)size);
  bool ok = decode(&ci, &f, out, err);
  jpeg_destroy_decompress(&ci);
  if (!ok) {
    a2b_pixels_free(&out->px);
    if (!*err) *err = a2b_xsprintf("corrupt JPEG (%s)", f.message);
  }
  return ok;
}
