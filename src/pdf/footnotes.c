#include "pdf/footnotes.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

void a2b_pdf_fnqueue_push(a2b_pdf_fnqueue *queue, const a2b_pdf_vlist *body) {
  if (queue->n == queue->cap) {
    queue->cap = queue->cap ? queue->cap * 2 : 8;
    queue->e = a2b_xrealloc(queue->e, queue->cap * sizeof *queue->e);
  }
  queue->e[queue->n++] = (a2b_pdf_fnentry){body, 0};
}

void a2b_pdf_fnqueue_consume(a2b_pdf_fnqueue *queue, a2b_pdf_foot foot) {
  size_t done = foot.q < queue->n ? foot.q : queue->n;
  if (done < queue->n) queue->e[done].next = foot.j;
  if (done && queue->n > done) /* (queue->e is NULL while nothing was queued) */
    memmove(queue->e, queue->e + done, (queue->n - done) * sizeof *queue->e);
  queue->n -= done;
}

void a2b_pdf_fnqueue_free(a2b_pdf_fnqueue *queue) {
  free(queue->e);
  *queue = (a2b_pdf_fnqueue){0};
}

/* Step over entries placed to their end. */
static void settle(const a2b_pdf_fnqueue *queue, a2b_pdf_foot *foot) {
  while (foot->q < queue->n && foot->j >= queue->e[foot->q].body->n) {
    foot->q++;
    foot->j = foot->q < queue->n ? queue->e[foot->q].next : 0;
  }
}

a2b_pdf_foot a2b_pdf_foot_start(const a2b_pdf_fnqueue *queue) {
  a2b_pdf_foot foot = {.q = 0, .j = queue->n ? queue->e[0].next : 0};
  settle(queue, &foot);
  return foot;
}

size_t a2b_pdf_foot_fill(const a2b_pdf_fnqueue *queue, a2b_pdf_foot *foot, double gap, double body,
                         double room, bool force) {
  size_t added = 0;
  settle(queue, foot);
  while (foot->q < queue->n) {
    const a2b_pdf_vitem *it = &queue->e[foot->q].body->items[foot->j];
    double h = it->height + (foot->height == 0 ? gap : 0);
    if (body + foot->height + h > room + 1e-6 && !(force && added == 0)) break;
    foot->height += h;
    foot->j++;
    added++;
    settle(queue, foot);
  }
  return added;
}
