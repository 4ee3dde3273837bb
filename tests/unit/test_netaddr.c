/* The address classifier that guards image fetches: range edges, metadata
 * addresses, IPv4 inside IPv6. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/un.h>

#include "netaddr.h"

enum { PUB = A2B_ADDR_PUBLIC, PRIV = A2B_ADDR_PRIVATE, BLOCK = A2B_ADDR_BLOCKED };

static const struct {
  const char *addr;
  int cls;
  const char *why;
} cases[] = {
    /* IPv4: each range and the addresses just outside it */
    {"8.8.8.8", PUB, "public"},
    {"0.0.0.0", BLOCK, "unspecified"},
    {"0.255.255.255", BLOCK, "unspecified"},
    {"1.0.0.0", PUB, "public"},
    {"9.255.255.255", PUB, "public"},
    {"10.0.0.0", PRIV, "private"},
    {"10.255.255.255", PRIV, "private"},
    {"11.0.0.0", PUB, "public"},
    {"100.63.255.255", PUB, "public"},
    {"100.64.0.0", PRIV, "shared (carrier-grade NAT)"},
    {"100.127.255.255", PRIV, "shared (carrier-grade NAT)"},
    {"100.128.0.0", PUB, "public"},
    {"100.100.100.200", BLOCK, "cloud metadata"},
    {"126.255.255.255", PUB, "public"},
    {"127.0.0.1", PRIV, "loopback"},
    {"127.255.255.254", PRIV, "loopback"},
    {"128.0.0.0", PUB, "public"},
    {"168.63.129.16", BLOCK, "cloud metadata"},
    {"168.63.129.17", PUB, "public"},
    {"169.253.255.255", PUB, "public"},
    {"169.254.0.1", BLOCK, "link-local"},
    {"169.254.169.254", BLOCK, "cloud metadata"},
    {"169.254.170.2", BLOCK, "link-local"},
    {"169.255.0.0", PUB, "public"},
    {"172.15.255.255", PUB, "public"},
    {"172.16.0.0", PRIV, "private"},
    {"172.31.255.255", PRIV, "private"},
    {"172.32.0.0", PUB, "public"},
    {"192.0.0.170", BLOCK, "reserved"},
    {"192.0.1.1", PUB, "public"},
    {"192.0.2.1", BLOCK, "documentation"},
    {"192.167.255.255", PUB, "public"},
    {"192.168.1.1", PRIV, "private"},
    {"192.169.0.0", PUB, "public"},
    {"198.17.255.255", PUB, "public"},
    {"198.18.0.0", PRIV, "benchmarking"},
    {"198.19.255.255", PRIV, "benchmarking"},
    {"198.20.0.0", PUB, "public"},
    {"198.51.100.7", BLOCK, "documentation"},
    {"203.0.113.9", BLOCK, "documentation"},
    {"223.255.255.255", PUB, "public"},
    {"224.0.0.1", BLOCK, "multicast"},
    {"239.255.255.255", BLOCK, "multicast"},
    {"240.0.0.1", BLOCK, "reserved"},
    {"255.255.255.255", BLOCK, "reserved"},
    /* IPv6 */
    {"2606:4700::1111", PUB, "public"},
    {"::", BLOCK, "unspecified"},
    {"::1", PRIV, "loopback"},
    {"::2", BLOCK, "unspecified"}, /* IPv4-compatible 0.0.0.2 */
    {"fe80::1", BLOCK, "link-local"},
    {"febf:ffff::1", BLOCK, "link-local"},
    {"fec0::1", PRIV, "site-local"},
    {"fc00::1", PRIV, "unique local"},
    {"fd12:3456::1", PRIV, "unique local"},
    {"fd00:ec2::254", BLOCK, "cloud metadata"},
    {"fd00:ec2::253", PRIV, "unique local"},
    {"fbff:ffff::1", PUB, "public"},
    {"fe00::1", PUB, "public"},
    {"ff02::1", BLOCK, "multicast"},
    {"2001:db8::1", BLOCK, "documentation"},
    {"2001:db9::1", PUB, "public"},
    /* IPv4 carried in IPv6 */
    {"::ffff:127.0.0.1", PRIV, "loopback"},
    {"::ffff:169.254.169.254", BLOCK, "cloud metadata"},
    {"::ffff:8.8.8.8", PUB, "public"},
    {"::127.0.0.1", PRIV, "loopback"},
    {"::10.1.2.3", PRIV, "private"},
    {"64:ff9b::169.254.169.254", BLOCK, "cloud metadata"},
    {"64:ff9b::192.168.0.1", PRIV, "private"},
    {"64:ff9b::8.8.4.4", PUB, "public"},
    {"2002:7f00:1::", PRIV, "loopback"},
    {"2002:a9fe:a9fe::1", BLOCK, "cloud metadata"},
    {"2002:808:808::1", PUB, "public"},
};

static void test_ranges(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    if (strchr(cases[i].addr, ':')) {
      struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
      in6->sin6_family = AF_INET6;
      assert_int_equal(inet_pton(AF_INET6, cases[i].addr, &in6->sin6_addr), 1);
    } else {
      struct sockaddr_in *in = (struct sockaddr_in *)&ss;
      in->sin_family = AF_INET;
      assert_int_equal(inet_pton(AF_INET, cases[i].addr, &in->sin_addr), 1);
    }
    const char *why = NULL;
    int cls = (int)a2b_netaddr_classify((const struct sockaddr *)&ss, &why);
    if (cls != cases[i].cls || strcmp(why, cases[i].why))
      fail_msg("%s: class %d (%s), expected %d (%s)", cases[i].addr, cls, why, cases[i].cls,
               cases[i].why);
  }
}

static void test_other_family(void **state) {
  (void)state;
  struct sockaddr_un un = {.sun_family = AF_UNIX};
  const char *why = NULL;
  assert_int_equal(a2b_netaddr_classify((const struct sockaddr *)&un, &why), A2B_ADDR_BLOCKED);
  assert_non_null(why);
  char buf[64];
  assert_string_equal(a2b_netaddr_format((const struct sockaddr *)&un, buf, sizeof buf), "?");
}

static void test_format(void **state) {
  (void)state;
  struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(80)};
  inet_pton(AF_INET, "169.254.169.254", &in.sin_addr);
  char buf[INET6_ADDRSTRLEN];
  assert_string_equal(a2b_netaddr_format((const struct sockaddr *)&in, buf, sizeof buf),
                      "169.254.169.254");
  struct sockaddr_in6 in6 = {.sin6_family = AF_INET6};
  inet_pton(AF_INET6, "::ffff:10.0.0.1", &in6.sin6_addr);
  assert_string_equal(a2b_netaddr_format((const struct sockaddr *)&in6, buf, sizeof buf),
                      "::ffff:10.0.0.1");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ranges),
      cmocka_unit_test(test_other_family),
      cmocka_unit_test(test_format),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
