#include "netaddr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct range4 {
  uint32_t net;
  int bits;
  a2b_addr_class cls;
  const char *why;
} range4;

/* First match wins: single addresses before the ranges holding them. */
static const range4 ranges4[] = {
    {0xA9FEA9FE, 32, A2B_ADDR_BLOCKED, "cloud metadata"}, /* 169.254.169.254 */
    {0x646464C8, 32, A2B_ADDR_BLOCKED, "cloud metadata"}, /* 100.100.100.200 */
    {0xA83F8110, 32, A2B_ADDR_BLOCKED, "cloud metadata"}, /* 168.63.129.16 */
    {0x00000000, 8, A2B_ADDR_BLOCKED, "unspecified"},
    {0x0A000000, 8, A2B_ADDR_PRIVATE, "private"},
    {0x64400000, 10, A2B_ADDR_PRIVATE, "shared (carrier-grade NAT)"},
    {0x7F000000, 8, A2B_ADDR_PRIVATE, "loopback"},
    {0xA9FE0000, 16, A2B_ADDR_BLOCKED, "link-local"},
    {0xAC100000, 12, A2B_ADDR_PRIVATE, "private"},
    {0xC0000000, 24, A2B_ADDR_BLOCKED, "reserved"},
    {0xC0000200, 24, A2B_ADDR_BLOCKED, "documentation"},
    {0xC0A80000, 16, A2B_ADDR_PRIVATE, "private"},
    {0xC6120000, 15, A2B_ADDR_PRIVATE, "benchmarking"},
    {0xC6336400, 24, A2B_ADDR_BLOCKED, "documentation"},
    {0xCB007100, 24, A2B_ADDR_BLOCKED, "documentation"},
    {0xE0000000, 4, A2B_ADDR_BLOCKED, "multicast"},
    {0xF0000000, 4, A2B_ADDR_BLOCKED, "reserved"},
};

static a2b_addr_class classify4(uint32_t a, const char **why) {
  for (size_t i = 0; i < sizeof ranges4 / sizeof *ranges4; i++) {
    uint32_t mask = 0xFFFFFFFFu << (32 - ranges4[i].bits);
    if ((a & mask) == ranges4[i].net) {
      *why = ranges4[i].why;
      return ranges4[i].cls;
    }
  }
  *why = "public";
  return A2B_ADDR_PUBLIC;
}

static uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool all_zero(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i]) return false;
  return true;
}

static a2b_addr_class classify6(const uint8_t *a, const char **why) {
  static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  static const uint8_t nat64[12] = {0, 0x64, 0xFF, 0x9B};
  static const uint8_t aws_metadata[16] = {0xFD, 0, 0x0E, 0xC2, [14] = 0x02, [15] = 0x54};
  if (all_zero(a, 15) && a[15] <= 1) {
    *why = a[15] ? "loopback" : "unspecified";
    return a[15] ? A2B_ADDR_PRIVATE : A2B_ADDR_BLOCKED;
  }
  if (!memcmp(a, mapped, 12) || !memcmp(a, nat64, 12) || all_zero(a, 12))
    return classify4(be32(a + 12), why);
  if (a[0] == 0x20 && a[1] == 0x02) return classify4(be32(a + 2), why); /* 6to4 */
  if (!memcmp(a, aws_metadata, 16)) {
    *why = "cloud metadata";
    return A2B_ADDR_BLOCKED;
  }
  if (a[0] == 0xFF) {
    *why = "multicast";
    return A2B_ADDR_BLOCKED;
  }
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) {
    *why = "link-local";
    return A2B_ADDR_BLOCKED;
  }
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) {
    *why = "site-local";
    return A2B_ADDR_PRIVATE;
  }
  if ((a[0] & 0xFE) == 0xFC) {
    *why = "unique local";
    return A2B_ADDR_PRIVATE;
  }
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8) {
    *why = "documentation";
    return A2B_ADDR_BLOCKED;
  }
  *why = "public";
  return A2B_ADDR_PUBLIC;
}

a2b_addr_class a2b_netaddr_classify(const struct sockaddr *sa, const char **why) {
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
    return classify4(ntohl(in->sin_addr.s_addr), why);
  }
  if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
    return classify6(in6->sin6_addr.s6_addr, why);
  }
  *why = "not an internet address";
  return A2B_ADDR_BLOCKED;
}

const char *a2b_netaddr_format(const struct sockaddr *sa, char *out, size_t size) {
  const void *addr = NULL;
  if (sa->sa_family == AF_INET)
    addr = &((const struct sockaddr_in *)sa)->sin_addr;
  else if (sa->sa_family == AF_INET6)
    addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
  if (!addr || !inet_ntop(sa->sa_family, addr, out, (socklen_t)size)) snprintf(out, size, "?");
  return out;
}
