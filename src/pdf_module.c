/* Loading the PDF back end module (art2book-pdf.so) on demand. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf.h"

/* Candidates, in order: $A2B_PDF_MODULE; beside the executable (the build
 * tree); ../lib/art2book/ from the executable (an installed tree). */
static void *open_module(char *tried, size_t tried_size) {
  const char *env = getenv("A2B_PDF_MODULE");
  if (env && *env) {
    snprintf(tried, tried_size, "%s", env);
    return dlopen(env, RTLD_NOW | RTLD_LOCAL);
  }
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return NULL;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash) return NULL;
  *slash = '\0';
  static const char *const rel[] = {"/art2book-pdf.so", "/../lib/art2book/art2book-pdf.so"};
  void *h = NULL;
  for (size_t i = 0; i < 2 && !h; i++) {
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s%s", exe, rel[i]);
    snprintf(tried, tried_size, "%s", path);
    h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  }
  return h;
}

bool a2b_pdf_module_cover(const a2b_book *book, const a2b_options *opts, unsigned char **bytes,
                          size_t *size, a2b_diags *d) {
  char tried[PATH_MAX + 64] = "";
  void *h = open_module(tried, sizeof tried);
  a2b_pdf_cover_fn cover = h ? (a2b_pdf_cover_fn)dlsym(h, A2B_PDF_COVER_ENTRY) : NULL;
  if (!cover) {
    const char *why = dlerror();
    a2b_report(d, A2B_WARNING, NULL, 0, 0, "cannot draw a cover: no PDF back end (%s): %s",
               tried, why ? why : "not found");
    return false;
  }
  return cover(book, opts, bytes, size, d);
}

int a2b_pdf_module_write(const a2b_book *book, const a2b_options *opts, a2b_diags *d) {
  char tried[PATH_MAX + 64] = "";
  void *h = open_module(tried, sizeof tried);
  if (!h) {
    const char *why = dlerror();
    a2b_report(d, A2B_ERROR, NULL, 0, 0, "cannot load the PDF back end (%s): %s", tried,
               why ? why : "not found");
    return A2B_EXIT_IO;
  }
  a2b_pdf_write_fn write = (a2b_pdf_write_fn)dlsym(h, A2B_PDF_ENTRY);
  int status;
  if (!write) {
    a2b_report(d, A2B_ERROR, NULL, 0, 0, "%s has no %s entry point", tried, A2B_PDF_ENTRY);
    status = A2B_EXIT_IO;
  } else {
    status = write(book, opts, d);
  }
  /* Not dlclose()d: pango and fontconfig keep state that is not meant to be
   * unloaded; the process ends soon after. */
  return status;
}
