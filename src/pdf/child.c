#include "pdf/child.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

bool a2b_pdf_child_start(a2b_pdf_child *c, bool (*work)(void *ctx, int fd), void *ctx,
                         a2b_diags *d) {
  int fds[2];
  if (pipe(fds) != 0) {
    a2b_report(d, A2B_ERROR, NULL, 0, 0, "cannot start a layout process: %s", strerror(errno));
    return false;
  }
  pid_t pid = fork();
  if (pid < 0) {
    a2b_report(d, A2B_ERROR, NULL, 0, 0, "cannot start a layout process: %s", strerror(errno));
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    close(fds[0]);
    bool ok = work(ctx, fds[1]);
    close(fds[1]);
    _exit(ok ? 0 : 1);
  }
  close(fds[1]);
  c->pid = pid;
  c->fd = fds[0];
  return true;
}

bool a2b_pdf_child_finish(a2b_pdf_child *c, bool kill_it, a2b_diags *d) {
  if (kill_it) kill(c->pid, SIGKILL);
  close(c->fd);
  int status;
  while (waitpid(c->pid, &status, 0) < 0)
    if (errno != EINTR) {
      a2b_report(d, A2B_ERROR, NULL, 0, 0, "lost the layout process: %s", strerror(errno));
      return false;
    }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  if (kill_it) return false;
  if (WIFSIGNALED(status))
    a2b_report(d, A2B_ERROR, NULL, 0, 0, "the layout process died (signal %d: %s)",
               WTERMSIG(status), strsignal(WTERMSIG(status)));
  else
    a2b_report(d, A2B_ERROR, NULL, 0, 0, "the layout process failed (exit status %d)",
               WEXITSTATUS(status));
  return false;
}
