#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

struct a2b_atomic_file {
  char *path; /* the target */
  char *temp; /* the temporary file beside it */
  char *dir;  /* the folder of both */
};

/* The process umask without changing it (umask() would, racing other
 * threads): read from /proc, else assume the common 022. */
static mode_t current_umask(void) {
  mode_t mask = 022;
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return mask;
  char line[256];
  while (fgets(line, sizeof line, f)) {
    unsigned m;
    if (sscanf(line, "Umask: %o", &m) == 1) {
      mask = (mode_t)m;
      break;
    }
  }
  fclose(f);
  return mask;
}

a2b_atomic_file *a2b_atomic_open(const char *path, a2b_diags *d) {
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  if (!*base) {
    a2b_report(d, A2B_ERROR, path, 0, 0, "cannot write: the path names a folder");
    return NULL;
  }
  a2b_atomic_file *f = a2b_xmalloc(sizeof *f);
  f->path = a2b_xstrdup(path);
  if (slash) {
    size_t n = (size_t)(slash - path);
    f->dir = a2b_xmalloc(n + 2);
    memcpy(f->dir, path, n ? n : 1); /* "/name" lives in "/" */
    f->dir[n ? n : 1] = '\0';
  } else {
    f->dir = a2b_xstrdup(".");
  }
  size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
  f->temp = a2b_xmalloc(dlen + strlen(base) + 9);
  sprintf(f->temp, "%.*s.%s.XXXXXX", (int)dlen, path, base);
  int fd = mkstemp(f->temp);
  if (fd < 0) {
    a2b_report(d, A2B_ERROR, path, 0, 0, "cannot create a file in '%s': %s", f->dir,
               strerror(errno));
    free(f->temp);
    f->temp = NULL;
    a2b_atomic_abort(f);
    return NULL;
  }
  if (fchmod(fd, 0644 & ~current_umask()) != 0 || close(fd) != 0) {
    a2b_report(d, A2B_ERROR, path, 0, 0, "cannot set up '%s': %s", f->temp, strerror(errno));
    a2b_atomic_abort(f);
    return NULL;
  }
  return f;
}

const char *a2b_atomic_temp_path(const a2b_atomic_file *f) { return f->temp; }

static int sync_path(const char *path, int flags) {
  int fd = open(path, flags);
  if (fd < 0) return -1;
  int rc = fsync(fd);
  /* Some file systems cannot sync folders; that is no reason to fail. */
  if (rc != 0 && (errno == EINVAL || errno == EBADF)) rc = 0;
  int saved = errno;
  close(fd);
  errno = saved;
  return rc;
}

int a2b_atomic_commit(a2b_atomic_file *f, a2b_diags *d) {
  if (sync_path(f->temp, O_RDONLY) != 0 || rename(f->temp, f->path) != 0) {
    a2b_report(d, A2B_ERROR, f->path, 0, 0, "cannot write: %s", strerror(errno));
    a2b_atomic_abort(f);
    return -1;
  }
  sync_path(f->dir, O_RDONLY | O_DIRECTORY);
  free(f->temp);
  f->temp = NULL;
  a2b_atomic_abort(f);
  return 0;
}

void a2b_atomic_abort(a2b_atomic_file *f) {
  if (!f) return;
  if (f->temp) unlink(f->temp);
  free(f->temp);
  free(f->dir);
  free(f->path);
  free(f);
}
