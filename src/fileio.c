#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

char *a2b_read_file(const char *path, size_t max_bytes, size_t *len, char **err) {
  *err = NULL;
  *len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  char *buf = NULL;
  if (fd < 0 || fstat(fd, &st) != 0) {
    *err = a2b_xsprintf("cannot read (%s)", strerror(errno));
  } else if (!S_ISREG(st.st_mode)) {
    *err = a2b_xstrdup("not a regular file");
  } else if ((uintmax_t)st.st_size > max_bytes) {
    *err = a2b_xsprintf("larger than %zu MB", max_bytes / (1024 * 1024));
  } else {
    size_t cap = (size_t)st.st_size + 1, n = 0; /* +1 notices growth while reading */
    buf = a2b_xmalloc(cap + 1);
    ssize_t got;
    while (n < cap && (got = read(fd, buf + n, cap - n)) != 0) {
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        *err = a2b_xsprintf("cannot read (%s)", strerror(errno));
        break;
      }
      n += (size_t)got;
    }
    if (!*err && n == cap) *err = a2b_xstrdup("file changed while being read");
    if (*err) {
      free(buf);
      buf = NULL;
    } else {
      buf[n] = '\0';
      *len = n;
    }
  }
  if (fd >= 0) close(fd);
  return buf;
}
