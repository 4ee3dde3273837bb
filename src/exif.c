/* The EXIF orientation tag, read from TIFF-structured bytes. */
#include <stdint.h>

#include "imgconv.h"

int a2b_exif_orientation(const unsigned char *t, size_t size) {
  if (size < 8) return 1;
  bool le;
  if (t[0] == 'I' && t[1] == 'I' && t[2] == 42 && t[3] == 0)
    le = true;
  else if (t[0] == 'M' && t[1] == 'M' && t[2] == 0 && t[3] == 42)
    le = false;
  else
    return 1;
#define U16(p) (le ? (unsigned)(p)[0] | (unsigned)(p)[1] << 8 : (unsigned)(p)[0] << 8 | (p)[1])
  uint32_t ifd = le ? (uint32_t)U16(t + 4) | (uint32_t)U16(t + 6) << 16
                    : (uint32_t)U16(t + 4) << 16 | (uint32_t)U16(t + 6);
  if (ifd > size || size - ifd < 2) return 1;
  unsigned n = U16(t + ifd);
  for (size_t k = 0, e = ifd + 2; k < n && size - e >= 12; k++, e += 12) {
    if (U16(t + e) != 274) continue;
    /* SHORT, count 1: the value sits in the first two bytes of the field. */
    if (U16(t + e + 2) != 3) return 1;
    unsigned v = U16(t + e + 8);
    return v >= 1 && v <= 8 ? (int)v : 1;
  }
#undef U16
  return 1;
}
