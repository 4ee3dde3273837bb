/* The whole run: scan, load, resolve, then each requested back end. */
#ifndef A2B_PIPELINE_H
#define A2B_PIPELINE_H

#include "art2book/art2book.h"

/* Run with validated options; prints diagnostics and the summary to stderr.
 * Returns an exit status (A2B_EXIT_*). */
int a2b_pipeline_run(const a2b_options *opts);

#endif
