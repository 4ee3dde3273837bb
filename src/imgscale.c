/* Pixel operations: orientation, grayscale, downscaling, and questions
 * about the pixels (opaque? how many colours?).
 *
 * Grayscale and downscaling work in linear light: 8-bit values are taken
 * as sRGB, turned linear through a 256-entry table, and turned back by a
 * binary search over the midpoints of the same table (exact to the nearest
 * code). Downscaling is area averaging (a box filter with fractional
 * coverage at the edges), which keeps every source pixel's share and does
 * not ring; colours are weighted by alpha so transparent pixels do not
 * bleed their (invisible) colour into the edges. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "imgconv.h"

typedef struct srgb {
  float lin[256]; /* sRGB code -> linear 0..1 */
  float mid[255]; /* midpoints between neighbouring lin[] entries */
} srgb;

static void srgb_init(srgb *t) {
  for (int i = 0; i < 256; i++) {
    double c = i / 255.0;
    t->lin[i] = (float)(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4));
  }
  for (int i = 0; i < 255; i++)
    t->mid[i] = (t->lin[i] + t->lin[i + 1]) / 2;
}

/* The sRGB code whose linear value is nearest to v. */
static unsigned char srgb_code(const srgb *t, float v) {
  int lo = 0, hi = 255; /* answer: the number of midpoints below v */
  while (lo < hi) {
    int m = (lo + hi) / 2;
    if (t->mid[m] < v)
      lo = m + 1;
    else
      hi = m;
  }
  return (unsigned char)lo;
}

static void replace(a2b_pixels *px, unsigned char *data, int w, int h, int channels) {
  free(px->data);
  px->data = data;
  px->width = w;
  px->height = h;
  px->channels = channels;
}

/* ---- orientation --------------------------------------------------------- */

void a2b_pixels_orient(a2b_pixels *px, int o) {
  if (o < 2 || o > 8) return;
  bool transpose = o >= 5;
  bool flip_x = o == 2 || o == 3 || o == 7 || o == 8, flip_y = o == 3 || o == 4 || o == 6 || o == 7;
  int W = px->width, H = px->height, ch = px->channels;
  int w = transpose ? H : W, h = transpose ? W : H;
  unsigned char *out = a2b_xmalloc((size_t)W * (size_t)H * (size_t)ch), *o_px = out;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++, o_px += ch) {
      int sx = transpose ? y : x, sy = transpose ? x : y;
      if (flip_x) sx = W - 1 - sx;
      if (flip_y) sy = H - 1 - sy;
      memcpy(o_px, px->data + ((size_t)sy * (size_t)W + (size_t)sx) * (size_t)ch, (size_t)ch);
    }
  replace(px, out, w, h, ch);
}

/* ---- grayscale and alpha ------------------------------------------------- */

void a2b_pixels_grayscale(a2b_pixels *px) {
  if (px->channels < 3) return;
  srgb t;
  srgb_init(&t);
  bool alpha = px->channels == 4;
  size_t n = (size_t)px->width * (size_t)px->height;
  unsigned char *out = a2b_xmalloc(n * (alpha ? 2 : 1)), *o = out;
  const unsigned char *p = px->data;
  for (size_t i = 0; i < n; i++, p += px->channels) {
    *o++ = srgb_code(&t, 0.2126f * t.lin[p[0]] + 0.7152f * t.lin[p[1]] + 0.0722f * t.lin[p[2]]);
    if (alpha) *o++ = p[3];
  }
  replace(px, out, px->width, px->height, alpha ? 2 : 1);
}

void a2b_pixels_drop_alpha(a2b_pixels *px) {
  if (px->channels % 2) return;
  int ch = px->channels - 1;
  size_t n = (size_t)px->width * (size_t)px->height;
  unsigned char *p = px->data;
  for (size_t i = 0; i < n; i++)
    memmove(p + i * (size_t)ch, p + i * (size_t)px->channels, (size_t)ch);
  px->channels = ch;
}

bool a2b_pixels_opaque(const a2b_pixels *px) {
  if (px->channels % 2) return true;
  size_t n = (size_t)px->width * (size_t)px->height;
  for (size_t i = 0; i < n; i++)
    if (px->data[i * (size_t)px->channels + (size_t)px->channels - 1] != 255) return false;
  return true;
}

bool a2b_pixels_more_colours(const a2b_pixels *px, int limit) {
  enum { CAP = 1024 }; /* more than twice any limit asked for (256) */
  uint32_t set[CAP];
  bool used[CAP] = {false};
  int count = 0, colour_ch = px->channels >= 3 ? 3 : 1;
  size_t n = (size_t)px->width * (size_t)px->height;
  for (size_t i = 0; i < n; i++) {
    const unsigned char *p = px->data + i * (size_t)px->channels;
    uint32_t v = colour_ch == 3 ? (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2] : p[0];
    size_t k = (v * 2654435761u) >> 22; /* 10 bits */
    while (used[k] && set[k] != v)
      k = (k + 1) % CAP;
    if (used[k]) continue;
    used[k] = true;
    set[k] = v;
    if (++count > limit || count >= CAP / 2) return true;
  }
  return false;
}

int a2b_pixels_palette(const a2b_pixels *px, unsigned char *map, unsigned char *index) {
  enum { CAP = 1024 };
  uint32_t keys[CAP];
  int16_t slot[CAP];
  memset(slot, -1, sizeof slot);
  int n = 0, ch = px->channels;
  size_t count = (size_t)px->width * (size_t)px->height;
  for (size_t i = 0; i < count; i++) {
    const unsigned char *p = px->data + i * (size_t)ch;
    uint32_t v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
                 (ch == 4 ? p[3] : 255u);
    size_t k = (v * 2654435761u) >> 22;
    while (slot[k] >= 0 && keys[k] != v)
      k = (k + 1) % CAP;
    if (slot[k] < 0) {
      if (n == 256) return -1;
      keys[k] = v;
      slot[k] = (int16_t)n;
      memcpy(map + (size_t)n * (size_t)ch, p, (size_t)ch);
      n++;
    }
    if (index) index[i] = (unsigned char)slot[k];
  }
  return n;
}

void a2b_pixels_remap(a2b_pixels *px, const unsigned char *map, int n) {
  enum { CACHE = 4096 };
  uint32_t *keys = a2b_xmalloc(CACHE * sizeof *keys);
  int16_t *hit = a2b_xmalloc(CACHE * sizeof *hit);
  for (int i = 0; i < CACHE; i++)
    hit[i] = -1;
  int ch = px->channels;
  size_t count = (size_t)px->width * (size_t)px->height;
  for (size_t i = 0; i < count; i++) {
    unsigned char *p = px->data + i * (size_t)ch;
    uint32_t v = 0;
    for (int c = 0; c < ch; c++)
      v = v << 8 | p[c];
    size_t k = (v * 2654435761u) >> 20; /* 12 bits */
    if (hit[k] < 0 || keys[k] != v) {
      long best_d = -1;
      for (int e = 0; e < n; e++) {
        long d = 0;
        for (int c = 0; c < ch; c++) {
          long diff = (long)p[c] - map[e * ch + c];
          d += diff * diff;
        }
        if (best_d < 0 || d < best_d) best_d = d, hit[k] = (int16_t)e;
      }
      keys[k] = v;
    }
    memcpy(p, map + (size_t)hit[k] * (size_t)ch, (size_t)ch);
  }
  free(keys);
  free(hit);
}

/* ---- downscaling --------------------------------------------------------- */

/* The source span of one output column: pixels [first, first + n) with
 * weights w[off..off + n), summing to 1. */
typedef struct span {
  int first, n;
  size_t off;
} span;

static float *column_spans(int src, int dst, span *spans) {
  double scale = (double)src / dst;
  float *w = a2b_xmalloc(((size_t)src + (size_t)dst * 2) * sizeof *w);
  size_t off = 0;
  for (int x = 0; x < dst; x++) {
    double start = x * scale, end = (x + 1) * scale;
    int first = (int)start, last = (int)ceil(end);
    if (last > src) last = src;
    spans[x] = (span){first, last - first, off};
    for (int i = first; i < last; i++) {
      double lo = i > start ? i : start, hi = i + 1 < end ? i + 1 : end;
      w[off++] = (float)((hi - lo) / scale);
    }
  }
  return w;
}

typedef struct scaler {
  const srgb *t;
  int ch;       /* channels */
  bool alpha;   /* the last channel is alpha */
  int out_w;
  const span *spans;
  const float *w;
} scaler;

/* One source row, averaged across, in linear light (colours premultiplied
 * by alpha). */
static void scale_row(const scaler *s, const unsigned char *row, float *out) {
  int colour = s->alpha ? s->ch - 1 : s->ch;
  for (int x = 0; x < s->out_w; x++) {
    const span *sp = &s->spans[x];
    float acc[4] = {0, 0, 0, 0};
    for (int k = 0; k < sp->n; k++) {
      const unsigned char *p = row + (size_t)(sp->first + k) * (size_t)s->ch;
      float wt = s->w[sp->off + (size_t)k], a = s->alpha ? p[colour] / 255.0f : 1.0f;
      for (int c = 0; c < colour; c++)
        acc[c] += wt * a * s->t->lin[p[c]];
      if (s->alpha) acc[colour] += wt * a;
    }
    memcpy(out + (size_t)x * (size_t)s->ch, acc, (size_t)s->ch * sizeof *acc);
  }
}

/* Accumulated row (weights summing to `total`) into 8-bit pixels. */
static void emit_row(const scaler *s, const float *acc, float total, unsigned char *out) {
  if (total <= 0) total = 1; /* cannot happen when scaling down; keeps NaN out */
  int colour = s->alpha ? s->ch - 1 : s->ch;
  for (int x = 0; x < s->out_w; x++, acc += s->ch, out += s->ch) {
    float a = s->alpha ? acc[colour] / total : 1.0f;
    float norm = s->alpha ? acc[colour] : total;
    for (int c = 0; c < colour; c++)
      out[c] = norm > 0 ? srgb_code(s->t, acc[c] / norm) : 0;
    if (s->alpha) out[colour] = (unsigned char)lrintf(fminf(fmaxf(a, 0.0f), 1.0f) * 255.0f);
  }
}

void a2b_pixels_downscale(a2b_pixels *px, int width) {
  if (width <= 0 || width >= px->width) return;
  int W = px->width, H = px->height, ch = px->channels;
  int h = (int)lround((double)H * width / W);
  if (h < 1) h = 1;
  srgb t;
  srgb_init(&t);
  span *spans = a2b_xmalloc((size_t)width * sizeof *spans);
  float *w = column_spans(W, width, spans);
  scaler s = {&t, ch, ch % 2 == 0, width, spans, w};
  size_t row_len = (size_t)width * (size_t)ch;
  float *row = a2b_xmalloc(row_len * sizeof *row);
  float *acc[2] = {a2b_xmalloc(row_len * sizeof(float)), a2b_xmalloc(row_len * sizeof(float))};
  float total[2] = {0, 0};
  memset(acc[0], 0, row_len * sizeof(float));
  memset(acc[1], 0, row_len * sizeof(float));
  unsigned char *out = a2b_xmalloc(row_len * (size_t)h);
  double sy = (double)H / h;
  int next = 0; /* the next output row to emit */
  for (int y = 0; y < H && next < h; y++) {
    scale_row(&s, px->data + (size_t)y * (size_t)W * (size_t)ch, row);
    /* Source row [y, y + 1) overlaps output rows `next` and maybe `next + 1`. */
    for (int j = next; j <= next + 1 && j < h; j++) {
      double lo = fmax(y, j * sy), hi = fmin(y + 1, (j + 1) * sy);
      if (hi <= lo) continue;
      float wt = (float)(hi - lo);
      float *a = acc[j & 1];
      for (size_t i = 0; i < row_len; i++)
        a[i] += wt * row[i];
      total[j & 1] += wt;
    }
    while (next < h && (y + 1 >= (next + 1) * sy - 1e-9 || y == H - 1)) {
      emit_row(&s, acc[next & 1], total[next & 1], out + (size_t)next * row_len);
      memset(acc[next & 1], 0, row_len * sizeof(float));
      total[next & 1] = 0;
      next++;
    }
  }
  free(acc[0]);
  free(acc[1]);
  free(row);
  free(w);
  free(spans);
  replace(px, out, width, h, ch);
}
