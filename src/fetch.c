#include "fetch.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "arena.h"
#include "art2book/art2book.h"
#include "buf.h"
#include "fetchcache.h"
#include "image.h"
#include "netaddr.h"
#include "resources.h"

static void out_of_memory(void) {
  fputs("art2book: fatal: out of memory\n", stderr);
  abort();
}

a2b_fetch_opts a2b_fetch_defaults(void) {
  return (a2b_fetch_opts){.connect_timeout_ms = 10000,
                          .timeout_ms = 30000,
                          .max_bytes = A2B_RESOURCE_MAX_SIZE,
                          .max_redirects = 5,
                          .parallel = 8};
}

void a2b_fetch_item_clear(a2b_fetch_item *it) {
  free(it->data);
  free(it->error);
  free(it->note);
  it->status = A2B_FETCH_FAILED;
  it->data = NULL;
  it->size = 0;
  it->media_type = NULL;
  it->error = it->note = NULL;
}

/* One transfer in flight. */
typedef struct xfer {
  const a2b_fetch_opts *o;
  a2b_fetch_item *item;
  CURL *easy;
  struct curl_slist *headers;
  a2b_cache_entry cached; /* data NULL: nothing cached */
  a2b_buf body;
  bool too_large;
  char refused[128]; /* why a connection was refused; "" if none was */
  char errbuf[CURL_ERROR_SIZE];
} xfer;

static curl_socket_t open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a) {
  (void)purpose;
  xfer *x = clientp;
  const char *why;
  a2b_addr_class cls = a2b_netaddr_classify(&a->addr, &why);
  if (cls == A2B_ADDR_BLOCKED || (cls == A2B_ADDR_PRIVATE && !x->o->allow_private)) {
    char ip[INET6_ADDRSTRLEN];
    snprintf(x->refused, sizeof x->refused, "refused to connect to %s (%s%s)",
             a2b_netaddr_format(&a->addr, ip, sizeof ip), why,
             cls == A2B_ADDR_PRIVATE ? "; allowed with --allow-private-network" : "");
    return CURL_SOCKET_BAD;
  }
  return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

static size_t on_body(char *p, size_t size, size_t n, void *clientp) {
  xfer *x = clientp;
  size_t len = size * n;
  if (len > x->o->max_bytes - x->body.len) {
    x->too_large = true;
    return 0; /* aborts the transfer */
  }
  a2b_buf_append(&x->body, p, len);
  return len;
}

static void add_header(xfer *x, const char *name, const char *value) {
  char *h = a2b_xsprintf("%s: %s", name, value);
  struct curl_slist *l = curl_slist_append(x->headers, h);
  free(h);
  if (!l) out_of_memory();
  x->headers = l;
}

/* Set up the easy handle; false if libcurl refuses (reported in item). */
static bool prepare(xfer *x) {
  const a2b_fetch_opts *o = x->o;
  CURL *e = x->easy = curl_easy_init();
  if (!e) out_of_memory();
  add_header(x, "Accept", "image/png,image/jpeg,image/gif,image/webp,image/svg+xml,*/*;q=0.5");
  if (x->cached.data && x->cached.etag) add_header(x, "If-None-Match", x->cached.etag);
  if (x->cached.data && x->cached.last_modified)
    add_header(x, "If-Modified-Since", x->cached.last_modified);
  if (curl_easy_setopt(e, CURLOPT_URL, x->item->url) != CURLE_OK) {
    x->item->error = a2b_xstrdup("malformed URL");
    return false;
  }
  /* The options safety rests on: a libcurl without them fetches nothing. */
  CURLcode rc = CURLE_OK;
  rc |= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  rc |= curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  rc |= curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)o->max_redirects);
  rc |= curl_easy_setopt(e, CURLOPT_PROXY, "");
  rc |= curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
  rc |= curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x);
  rc |= curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
  rc |= curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  rc |= curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
  if (rc != CURLE_OK) {
    x->item->error = a2b_xstrdup("this libcurl lacks options needed for safe fetching");
    return false;
  }
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(e, CURLOPT_PRIVATE, x);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(e, CURLOPT_USERAGENT, "art2book/" A2B_VERSION);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
  return true;
}

static char *size_phrase(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
    return a2b_xsprintf("larger than %zu MB", bytes >> 20);
  return a2b_xsprintf("larger than %zu bytes", bytes);
}

/* A lower-case phrase for a failed transfer. */
static char *failure(xfer *x, CURLcode rc) {
  CURL *e = x->easy;
  long code = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
  if (x->too_large || rc == CURLE_FILESIZE_EXCEEDED) return size_phrase(x->o->max_bytes);
  switch (rc) {
  case CURLE_OK: return a2b_xsprintf("unexpected HTTP status %ld", code);
  case CURLE_HTTP_RETURNED_ERROR: return a2b_xsprintf("HTTP error %ld", code);
  case CURLE_OPERATION_TIMEDOUT: {
    long sent = 0; /* request bytes: 0 while connecting */
    curl_easy_getinfo(e, CURLINFO_REQUEST_SIZE, &sent);
    long ms = sent ? x->o->timeout_ms : x->o->connect_timeout_ms;
    return a2b_xsprintf("%s after %g s", sent ? "timed out" : "no connection", (double)ms / 1000);
  }
  case CURLE_TOO_MANY_REDIRECTS: return a2b_xsprintf("more than %d redirects", x->o->max_redirects);
  case CURLE_UNSUPPORTED_PROTOCOL: {
    const char *to = NULL;
    curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &to);
    if (!to) curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &to);
    return a2b_xsprintf("redirected to '%s' (only http and https are fetched)", to ? to : "?");
  }
  case CURLE_COULDNT_CONNECT:
    if (x->refused[0]) return a2b_xstrdup(x->refused);
    break;
  case CURLE_URL_MALFORMAT: return a2b_xstrdup("malformed URL");
  default: break;
  }
  char *msg = a2b_xstrdup(x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
  if (isupper((unsigned char)msg[0]) && islower((unsigned char)msg[1])) /* not "SSL ..." */
    msg[0] = (char)tolower((unsigned char)msg[0]);
  return msg;
}

static const char *response_header(CURL *e, const char *name) {
  struct curl_header *h = NULL;
  return curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK ? h->value : NULL;
}

/* Hand the cached bytes (known to be an image) to the item. */
static void take_cached(a2b_fetch_item *it, a2b_cache_entry *c, a2b_fetch_status status) {
  a2b_image_info info;
  a2b_image_sniff(c->data, c->size, &info);
  it->status = status;
  it->media_type = info.media_type;
  it->data = c->data;
  it->size = c->size;
  c->data = NULL;
}

/* Cache problems are reported once per run. */
typedef struct run {
  const a2b_fetch_opts *o;
  a2b_diags *d;
  bool cache_reported;
} run;

static void store(run *r, const char *url, a2b_cache_entry *e) {
  if (!r->o->cache_dir) return;
  char *msg = a2b_fetchcache_write(r->o->cache_dir, url, e);
  if (msg && !r->cache_reported)
    a2b_report(r->d, A2B_WARNING, r->o->cache_dir, 0, 0,
               "cannot store fetched images in the cache: %s", msg);
  if (msg) r->cache_reported = true;
  free(msg);
}

/* Settle the item of a finished transfer. */
static void finish(run *r, xfer *x, CURLcode rc) {
  a2b_fetch_item *it = x->item;
  long code = 0;
  curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
  if (rc == CURLE_OK && code == 304 && x->cached.data) {
    take_cached(it, &x->cached, A2B_FETCH_NOT_MODIFIED);
    return;
  }
  if (rc == CURLE_OK && code == 200) {
    a2b_image_info info;
    if (a2b_image_sniff((const unsigned char *)x->body.data, x->body.len, &info)) {
      it->status = A2B_FETCH_DOWNLOADED;
      it->media_type = info.media_type;
      it->size = x->body.len;
      it->data = (unsigned char *)a2b_buf_take(&x->body);
      a2b_cache_entry e = {.etag = (char *)response_header(x->easy, "ETag"),
                           .last_modified = (char *)response_header(x->easy, "Last-Modified"),
                           .media_type = (char *)info.media_type,
                           .data = it->data,
                           .size = it->size};
      store(r, it->url, &e);
      return;
    }
    const char *type = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &type);
    it->error = type ? a2b_xsprintf("not an image (the server sent %s)", type)
                     : a2b_xstrdup("not an image");
  } else {
    it->error = failure(x, rc);
  }
  if (x->cached.data) {
    it->note = a2b_xsprintf("cannot revalidate (%s); the cached copy is used", it->error);
    free(it->error);
    it->error = NULL;
    take_cached(it, &x->cached, A2B_FETCH_CACHED);
  }
}

static void xfer_free(xfer *x) {
  if (x->easy) curl_easy_cleanup(x->easy);
  curl_slist_free_all(x->headers);
  a2b_fetchcache_entry_free(&x->cached);
  a2b_buf_free(&x->body);
  free(x);
}

/* Start item `it`: a new transfer, or NULL when it is settled without one
 * (offline, or a URL libcurl refuses). */
static xfer *start(const a2b_fetch_opts *o, a2b_fetch_item *it) {
  xfer *x = a2b_xmalloc(sizeof *x);
  memset(x, 0, sizeof *x);
  x->o = o;
  x->item = it;
  a2b_image_info info;
  if (o->cache_dir && a2b_fetchcache_read(o->cache_dir, it->url, o->max_bytes, &x->cached) &&
      !a2b_image_sniff(x->cached.data, x->cached.size, &info))
    a2b_fetchcache_entry_free(&x->cached); /* not ours: an image is all we store */
  if (o->offline) {
    if (x->cached.data)
      take_cached(it, &x->cached, A2B_FETCH_CACHED);
    else
      it->error = a2b_xstrdup(o->cache_dir ? "not in the cache (--offline)"
                                           : "offline and no cache folder");
  } else if (prepare(x)) {
    return x;
  }
  xfer_free(x);
  return NULL;
}

void a2b_fetch_all(const a2b_fetch_opts *o, a2b_fetch_item *items, size_t n, a2b_diags *d) {
  run r = {o, d, false};
  for (size_t i = 0; i < n; i++)
    a2b_fetch_item_clear(&items[i]);
  bool online = !o->offline && n > 0;
  if (online && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    for (size_t i = 0; i < n; i++)
      items[i].error = a2b_xstrdup("libcurl cannot start");
    return;
  }
  CURLM *m = online ? curl_multi_init() : NULL;
  if (online && !m) out_of_memory();
  size_t next = 0, active = 0, parallel = o->parallel > 0 ? (size_t)o->parallel : 1;
  while (next < n || active > 0) {
    while (next < n && active < parallel) {
      xfer *x = start(o, &items[next++]);
      if (!x) continue;
      if (curl_multi_add_handle(m, x->easy) == CURLM_OK) {
        active++;
      } else {
        x->item->error = a2b_xstrdup("libcurl cannot add the transfer");
        xfer_free(x);
      }
    }
    if (!active) continue;
    int running = 0, left = 0;
    curl_multi_perform(m, &running);
    for (CURLMsg *msg; (msg = curl_multi_info_read(m, &left));) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL *e = msg->easy_handle;
      CURLcode rc = msg->data.result;
      xfer *x = NULL;
      curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&x);
      curl_multi_remove_handle(m, e);
      finish(&r, x, rc);
      xfer_free(x);
      active--;
    }
    if (active && !(next < n && active < parallel)) curl_multi_poll(m, NULL, 0, 1000, NULL);
  }
  if (m) curl_multi_cleanup(m);
  if (online) curl_global_cleanup();
}
