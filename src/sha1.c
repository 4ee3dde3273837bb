#include "sha1.h"

#include <string.h>

static uint32_t rol(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static void compress(uint32_t h[5], const unsigned char *b) {
  uint32_t w[80];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 | (uint32_t)b[4 * i + 2] << 8 |
           b[4 * i + 3];
  for (int i = 16; i < 80; i++)
    w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; i++) {
    uint32_t f, k;
    if (i < 20) {
      f = (bb & c) | (~bb & d);
      k = 0x5A827999;
    } else if (i < 40) {
      f = bb ^ c ^ d;
      k = 0x6ED9EBA1;
    } else if (i < 60) {
      f = (bb & c) | (bb & d) | (c & d);
      k = 0x8F1BBCDC;
    } else {
      f = bb ^ c ^ d;
      k = 0xCA62C1D6;
    }
    uint32_t t = rol(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = rol(bb, 30);
    bb = a;
    a = t;
  }
  h[0] += a;
  h[1] += bb;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

void a2b_sha1_init(a2b_sha1 *s) {
  static const uint32_t iv[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  memcpy(s->h, iv, sizeof iv);
  s->len = 0;
  s->used = 0;
}

void a2b_sha1_update(a2b_sha1 *s, const void *p, size_t n) {
  const unsigned char *in = p;
  s->len += n;
  if (s->used) {
    size_t take = 64 - s->used < n ? 64 - s->used : n;
    memcpy(s->block + s->used, in, take);
    s->used += take;
    in += take;
    n -= take;
    if (s->used < 64) return;
    compress(s->h, s->block);
    s->used = 0;
  }
  for (; n >= 64; in += 64, n -= 64)
    compress(s->h, in);
  if (n) memcpy(s->block, in, n);
  s->used = n;
}

void a2b_sha1_final(a2b_sha1 *s, unsigned char out[A2B_SHA1_SIZE]) {
  uint64_t bits = s->len * 8;
  s->block[s->used++] = 0x80;
  if (s->used > 56) {
    memset(s->block + s->used, 0, 64 - s->used);
    compress(s->h, s->block);
    s->used = 0;
  }
  memset(s->block + s->used, 0, 56 - s->used);
  for (int i = 0; i < 8; i++)
    s->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
  compress(s->h, s->block);
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 4; j++)
      out[4 * i + j] = (unsigned char)(s->h[i] >> (24 - 8 * j));
}

void a2b_sha1_digest(const void *data, size_t n, unsigned char out[A2B_SHA1_SIZE]) {
  a2b_sha1 s;
  a2b_sha1_init(&s);
  a2b_sha1_update(&s, data, n);
  a2b_sha1_final(&s, out);
}

void a2b_sha1_hex(const unsigned char digest[A2B_SHA1_SIZE], char out[2 * A2B_SHA1_SIZE + 1]) {
  static const char hex[] = "0123456789abcdef";
  for (int i = 0; i < A2B_SHA1_SIZE; i++) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  out[2 * A2B_SHA1_SIZE] = '\0';
}
