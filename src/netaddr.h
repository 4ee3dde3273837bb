/* Which network addresses image fetches may connect to.
 *
 * Three classes:
 * - public: globally routable unicast; always allowed.
 * - private: loopback (127.0.0.0/8, ::1), private networks (10.0.0.0/8,
 *   172.16.0.0/12, 192.168.0.0/16), shared/CGNAT (100.64.0.0/10),
 *   benchmarking (198.18.0.0/15), unique local (fc00::/7) and site-local
 *   (fec0::/10); allowed only with --allow-private-network.
 * - blocked: never allowed, whatever the options: "this network" and
 *   unspecified (0.0.0.0/8, ::), link-local (169.254.0.0/16, fe80::/10,
 *   which hold the cloud metadata service 169.254.169.254), the other
 *   cloud metadata addresses (100.100.100.200, 168.63.129.16,
 *   fd00:ec2::254), IETF assignments (192.0.0.0/24), documentation ranges
 *   (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32),
 *   multicast (224.0.0.0/4, ff00::/8), reserved and broadcast
 *   (240.0.0.0/4).
 * IPv6 addresses that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d,
 * IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are
 * classified by that IPv4 address. */
#ifndef A2B_NETADDR_H
#define A2B_NETADDR_H

#include <stddef.h>
#include <sys/socket.h>

typedef enum a2b_addr_class { A2B_ADDR_PUBLIC, A2B_ADDR_PRIVATE, A2B_ADDR_BLOCKED } a2b_addr_class;

/* Classify `sa` (AF_INET or AF_INET6; any other family is blocked). Sets
 * *why to a static lower-case phrase naming the range, e.g. "loopback",
 * "cloud metadata", or "public". */
a2b_addr_class a2b_netaddr_classify(const struct sockaddr *sa, const char **why);

/* The address (no port) as text into out[0..size), e.g. "127.0.0.1" or
 * "::ffff:10.0.0.1"; "?" for an unknown family. Returns out. */
const char *a2b_netaddr_format(const struct sockaddr *sa, char *out, size_t size);

#endif
