#include "pipeline.h"

#include <stdio.h>

int a2b_pipeline_run(const a2b_options *opts) {
  (void)opts;
  fputs("art2book: error: the pipeline is being built\n", stderr);
  return A2B_EXIT_IO;
}
