#include "image.h"

#include <stdint.h>
#include <string.h>

enum { MAX_SIDE = 1 << 20 }; /* larger sides are treated as corrupt */

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned long be32(const unsigned char *p) {
  return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}
static unsigned long le32(const unsigned char *p) {
  return (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}
static unsigned long le24(const unsigned char *p) {
  return (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

static void set_size(a2b_image_info *info, unsigned long w, unsigned long h) {
  if (w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE) return;
  info->width = (int)w;
  info->height = (int)h;
}

static bool has(const unsigned char *d, size_t size, size_t off, const char *magic, size_t n) {
  return size >= off + n && memcmp(d + off, magic, n) == 0;
}

static void png_size(const unsigned char *d, size_t size, a2b_image_info *info) {
  if (has(d, size, 12, "IHDR", 4) && size >= 24) set_size(info, be32(d + 16), be32(d + 20));
}

static void gif_size(const unsigned char *d, size_t size, a2b_image_info *info) {
  if (size >= 10) set_size(info, le16(d + 6), le16(d + 8));
}

static bool is_sof(unsigned m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Walk the marker segments up to the first SOFn; stop at anything odd. */
static void jpeg_size(const unsigned char *d, size_t size, a2b_image_info *info) {
  size_t i = 2;
  while (i < size && d[i] == 0xFF) {
    while (i < size && d[i] == 0xFF)
      i++; /* fill bytes */
    if (i >= size) return;
    unsigned m = d[i++];
    if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue; /* no length */
    if (m == 0xD9 || m == 0xDA || size - i < 2) return;
    size_t len = be16(d + i);
    if (len < 2 || len > size - i) return;
    if (is_sof(m)) {
      if (len >= 7) set_size(info, be16(d + i + 5), be16(d + i + 3));
      return;
    }
    i += len;
  }
}

static void webp_size(const unsigned char *d, size_t size, a2b_image_info *info) {
  if (has(d, size, 12, "VP8 ", 4) && size >= 30 && d[23] == 0x9D && d[24] == 0x01 && d[25] == 0x2A)
    set_size(info, le16(d + 26) & 0x3FFF, le16(d + 28) & 0x3FFF);
  else if (has(d, size, 12, "VP8L", 4) && size >= 25 && d[20] == 0x2F) {
    unsigned long bits = le32(d + 21);
    set_size(info, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  } else if (has(d, size, 12, "VP8X", 4) && size >= 30)
    set_size(info, le24(d + 24) + 1, le24(d + 27) + 1);
}

static bool bmp_header_ok(const unsigned char *d, size_t size) {
  if (size < 18) return false;
  unsigned long h = le32(d + 14);
  return h == 12 || h == 40 || h == 52 || h == 56 || h == 64 || h == 108 || h == 124;
}

static void bmp_size(const unsigned char *d, size_t size, a2b_image_info *info) {
  if (le32(d + 14) == 12) {
    if (size >= 22) set_size(info, le16(d + 18), le16(d + 20));
  } else if (size >= 26) {
    long w = (long)(int32_t)le32(d + 18), h = (long)(int32_t)le32(d + 22);
    if (w > 0) set_size(info, (unsigned long)w, (unsigned long)(h < 0 ? -h : h));
  }
}

/* Width and height tags (256, 257) of the first IFD. */
static void tiff_size(const unsigned char *d, size_t size, a2b_image_info *info) {
  bool le = d[0] == 'I';
  unsigned long ifd = le ? le32(d + 4) : be32(d + 4);
  if (ifd > size || size - ifd < 2) return;
  unsigned n = le ? le16(d + ifd) : be16(d + ifd);
  unsigned long w = 0, h = 0;
  for (size_t k = 0, e = ifd + 2; k < n && size - e >= 12; k++, e += 12) {
    unsigned tag = le ? le16(d + e) : be16(d + e), type = le ? le16(d + e + 2) : be16(d + e + 2);
    unsigned long v;
    if (type == 3)
      v = le ? le16(d + e + 8) : be16(d + e + 8);
    else if (type == 4)
      v = le ? le32(d + e + 8) : be32(d + e + 8);
    else
      continue;
    if (tag == 256)
      w = v;
    else if (tag == 257)
      h = v;
  }
  set_size(info, w, h);
}

/* ---- SVG ------------------------------------------------------------------ */

static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static bool starts(const unsigned char *p, const unsigned char *end, const char *s) {
  size_t n = strlen(s);
  return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* Pointer just past the first `s` at or after p, or NULL. */
static const unsigned char *past(const unsigned char *p, const unsigned char *end, const char *s) {
  size_t n = strlen(s);
  for (; (size_t)(end - p) >= n; p++)
    if (memcmp(p, s, n) == 0) return p + n;
  return NULL;
}

/* Past the '>' closing a DOCTYPE, skipping quoted strings and [internal subset]. */
static const unsigned char *past_doctype(const unsigned char *p, const unsigned char *end) {
  int depth = 0;
  unsigned char quote = 0;
  for (; p < end; p++) {
    if (quote) {
      if (*p == quote) quote = 0;
    } else if (*p == '"' || *p == '\'')
      quote = *p;
    else if (*p == '[')
      depth++;
    else if (*p == ']')
      depth--;
    else if (*p == '>' && depth <= 0)
      return p + 1;
  }
  return NULL;
}

/* A non-negative decimal number (digits, optional fraction) at *pp; advances. */
static bool parse_num(const unsigned char **pp, const unsigned char *end, double *out) {
  const unsigned char *p = *pp;
  double v = 0, scale = 1;
  bool digits = false;
  for (; p < end && *p >= '0' && *p <= '9'; p++, digits = true)
    v = v * 10 + (*p - '0');
  if (p < end && *p == '.')
    for (p++; p < end && *p >= '0' && *p <= '9'; p++, digits = true)
      v += (*p - '0') * (scale /= 10);
  if (!digits) return false;
  *pp = p;
  *out = v;
  return true;
}

/* An SVG length in absolute units, converted to CSS pixels; 0 if relative or bad. */
static double svg_length(const unsigned char *p, const unsigned char *end) {
  static const struct {
    const char *unit;
    double px;
  } units[] = {{"", 1},    {"px", 1},           {"pt", 96.0 / 72},  {"pc", 16},
               {"in", 96}, {"cm", 96.0 / 2.54}, {"mm", 96.0 / 25.4}};
  while (p < end && is_space(*p))
    p++;
  while (end > p && is_space(end[-1]))
    end--;
  double v;
  if (!parse_num(&p, end, &v)) return 0;
  for (size_t i = 0; i < sizeof units / sizeof *units; i++)
    if ((size_t)(end - p) == strlen(units[i].unit) && memcmp(p, units[i].unit, end - p) == 0)
      return v * units[i].px;
  return 0;
}

/* Width and height (the 3rd and 4th numbers) of a viewBox value. */
static bool svg_viewbox(const unsigned char *p, const unsigned char *end, double *w, double *h) {
  double v[4];
  for (int i = 0; i < 4; i++) {
    while (p < end && (is_space(*p) || *p == ','))
      p++;
    bool neg = p < end && *p == '-';
    if (neg) p++;
    if (!parse_num(&p, end, &v[i])) return false;
    if (neg) v[i] = -v[i];
  }
  *w = v[2];
  *h = v[3];
  return *w > 0 && *h > 0;
}

static unsigned long round_px(double v) {
  return v > 0 && v < MAX_SIDE ? (unsigned long)(v + 0.5) : 0;
}

/* Attributes of the root start tag at p (just past "<svg"); nothing unless
 * the whole tag is there. */
static void svg_size(const unsigned char *p, const unsigned char *end, a2b_image_info *info) {
  double w = 0, h = 0, vw = 0, vh = 0;
  bool vb = false;
  for (;;) {
    while (p < end && is_space(*p))
      p++;
    if (p >= end) return;
    if (*p == '>' || *p == '/') break;
    const unsigned char *name = p;
    while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/')
      p++;
    size_t name_len = (size_t)(p - name);
    while (p < end && is_space(*p))
      p++;
    if (p >= end || *p != '=') return;
    for (p++; p < end && is_space(*p); p++) {
    }
    if (p >= end || (*p != '"' && *p != '\'')) return;
    const unsigned char *val = p + 1, *close = memchr(val, *p, (size_t)(end - val));
    if (!close) return;
    p = close + 1;
    if (name_len == 5 && memcmp(name, "width", 5) == 0)
      w = svg_length(val, close);
    else if (name_len == 6 && memcmp(name, "height", 6) == 0)
      h = svg_length(val, close);
    else if (name_len == 7 && memcmp(name, "viewBox", 7) == 0)
      vb = svg_viewbox(val, close, &vw, &vh);
  }
  if (vb && w > 0 && h <= 0)
    h = w * vh / vw;
  else if (vb && h > 0 && w <= 0)
    w = h * vw / vh;
  else if (vb && w <= 0 && h <= 0)
    w = vw, h = vh;
  set_size(info, round_px(w), round_px(h));
}

/* Skip the prolog; true if the root element is <svg>. *root is just past "<svg". */
static bool svg_root(const unsigned char *p, const unsigned char *end, const unsigned char **root) {
  if (starts(p, end, "\xEF\xBB\xBF")) p += 3;
  for (;;) {
    while (p < end && is_space(*p))
      p++;
    if (starts(p, end, "<?"))
      p = past(p + 2, end, "?>");
    else if (starts(p, end, "<!--"))
      p = past(p + 4, end, "-->");
    else if (starts(p, end, "<!DOCTYPE"))
      p = past_doctype(p + 9, end);
    else
      break;
    if (!p) return false;
  }
  if (!starts(p, end, "<svg") || end - p < 5 || !(is_space(p[4]) || p[4] == '>' || p[4] == '/'))
    return false;
  *root = p + 4;
  return true;
}

/* ---- dispatch -------------------------------------------------------------- */

static bool known(a2b_image_info *info, const char *type, const char *ext) {
  info->media_type = type;
  info->ext = ext;
  return true;
}

static bool sniff(const unsigned char *d, size_t size, a2b_image_info *info) {
  const unsigned char *root;
  if (has(d, size, 0, "\x89PNG\r\n\x1A\n", 8)) {
    png_size(d, size, info);
    return known(info, "image/png", "png");
  }
  if (has(d, size, 0, "\xFF\xD8\xFF", 3)) {
    jpeg_size(d, size, info);
    return known(info, "image/jpeg", "jpg");
  }
  if (has(d, size, 0, "GIF87a", 6) || has(d, size, 0, "GIF89a", 6)) {
    gif_size(d, size, info);
    return known(info, "image/gif", "gif");
  }
  if (has(d, size, 0, "RIFF", 4) && has(d, size, 8, "WEBP", 4)) {
    webp_size(d, size, info);
    return known(info, "image/webp", "webp");
  }
  if (has(d, size, 0, "II*\0", 4) || has(d, size, 0, "MM\0*", 4)) {
    if (size >= 8) tiff_size(d, size, info);
    return known(info, "image/tiff", "tif");
  }
  if (has(d, size, 0, "BM", 2) && bmp_header_ok(d, size)) {
    bmp_size(d, size, info);
    return known(info, "image/bmp", "bmp");
  }
  if (size && svg_root(d, d + size, &root)) {
    svg_size(root, d + size, info);
    return known(info, "image/svg+xml", "svg");
  }
  return false;
}

bool a2b_image_sniff(const unsigned char *data, size_t size, a2b_image_info *info) {
  memset(info, 0, sizeof *info);
  if (sniff(data, size, info)) return true;
  memset(info, 0, sizeof *info);
  return false;
}
