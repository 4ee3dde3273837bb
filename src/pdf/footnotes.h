/* Pagination internals: footnote bodies waiting for the foot of a page, and
 * how far the foot of the page being built is filled. */
#ifndef A2B_PDF_FOOTNOTES_H
#define A2B_PDF_FOOTNOTES_H

#include "pdf/vlist.h"

/* A footnote body still to place, from its item `next` on. */
typedef struct a2b_pdf_fnentry {
  const a2b_pdf_vlist *body;
  size_t next;
} a2b_pdf_fnentry;

/* In reading order; heap-allocated (it lives across pages). Zero-initialise;
 * free with a2b_pdf_fnqueue_free(). */
typedef struct a2b_pdf_fnqueue {
  a2b_pdf_fnentry *e;
  size_t n, cap;
} a2b_pdf_fnqueue;

/* The foot of a page: entries before `q` are placed to their end, entry `q`
 * from its `next` up to item `j` (exclusive). `height` is the foot's height
 * including the gap above the rule; 0 while the foot is empty. */
typedef struct a2b_pdf_foot {
  size_t q, j;
  double height;
} a2b_pdf_foot;

void a2b_pdf_fnqueue_push(a2b_pdf_fnqueue *queue, const a2b_pdf_vlist *body);
/* Drop what `foot` placed: the queue then starts where the foot stopped. */
void a2b_pdf_fnqueue_consume(a2b_pdf_fnqueue *queue, a2b_pdf_foot foot);
void a2b_pdf_fnqueue_free(a2b_pdf_fnqueue *queue);

/* An empty foot at the start of the queue. */
a2b_pdf_foot a2b_pdf_foot_start(const a2b_pdf_fnqueue *queue);

/* Move queued footnote items into `foot`, in order, while body height `body`
 * plus the foot stays within `room` (the first item also brings `gap`, the
 * space for the rule). `force`: the first item goes in even if it does not
 * fit (progress on an otherwise empty page). Returns the number of items
 * added. */
size_t a2b_pdf_foot_fill(const a2b_pdf_fnqueue *queue, a2b_pdf_foot *foot, double gap, double body,
                         double room, bool force);

#endif
