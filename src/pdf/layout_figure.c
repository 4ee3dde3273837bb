/* Block layout: figures and images standing alone, with their captions;
 * images that cannot be drawn become a frame with their alt text. */
#include <string.h>

#include "arena.h"
#include "pdf/layout_int.h"

/* CSS px and image pixels are 1/96 in. */
#define PT_PER_PX 0.75

static bool drawable(const a2b_resource *res) {
  return res && res->media_type && res->width > 0 && res->height > 0 &&
         (!strcmp(res->media_type, "image/png") || !strcmp(res->media_type, "image/jpeg"));
}

/* Display size: the HTML width/height when given (the other from the aspect
 * ratio), else the pixels at 96 dpi; never wider than the measure nor
 * taller than the text block. Never enlarged. */
static void image_size(const a2b_pdf_lay *L, const a2b_node *img, double *w, double *h) {
  const a2b_resource *res = img->u.image.res;
  double aspect = (double)res->height / res->width;
  double cw = img->u.image.width, ch = img->u.image.height;
  if (cw > 0 && ch > 0)
    *w = cw * PT_PER_PX, *h = ch * PT_PER_PX;
  else if (cw > 0)
    *w = cw * PT_PER_PX, *h = *w * aspect;
  else if (ch > 0)
    *h = ch * PT_PER_PX, *w = *h / aspect;
  else
    *w = res->width * PT_PER_PX, *h = res->height * PT_PER_PX;
  if (*w > L->measure) *h *= L->measure / *w, *w = L->measure;
  double max_h = L->a->c->text_height;
  if (max_h > 0 && *h > max_h) *w *= max_h / *h, *h = max_h;
}

static void small_para(const a2b_pdf_lay *L, a2b_pdf_para *p, a2b_pdf_span *style) {
  const a2b_pdf_style *st = L->a->c->st;
  *p = a2b_pdf_lay_para(L);
  p->size = st->small_size;
  p->pitch = st->small_pitch;
  p->align = A2B_PDF_CENTER;
  p->role = A2B_PDF_ROLE_CAPTION;
  *style = a2b_pdf_lay_style(L);
  style->size = st->small_size;
}

/* The alt text (the file name when there is none) in a frame. */
static void frame(a2b_pdf_lay *L, const a2b_node *img) {
  a2b_pdf_layout_ctx *c = L->a->c;
  const a2b_pdf_style *st = c->st;
  a2b_pdf_para p;
  a2b_pdf_span style;
  small_para(L, &p, &style);
  style.color = A2B_PDF_LAY_GREY;
  a2b_pdf_spans s = {0};
  a2b_pdf_spans_inlines(L, img->first_child, &style, &s);
  if (!s.n) {
    const char *src = img->u.image.src ? img->u.image.src : "";
    const char *slash = strrchr(src, '/');
    a2b_pdf_spans_push(&s, &style, slash ? slash + 1 : src, strlen(slash ? slash + 1 : src));
  }
  double pad = st->small_size, natural = 0;
  a2b_pdf_set_line(c->ts, c->arena, s.v, s.n, &p, &natural, L->a->art->path);
  double fw = natural + 2 * pad;
  if (fw < L->measure / 2) fw = L->measure / 2;
  if (fw > L->measure) fw = L->measure;
  p.left = pad;
  p.measure = fw - 2 * pad;
  a2b_pdf_vlist tmp = {0};
  a2b_pdf_set_para(c->ts, c->arena, s.v, s.n, &p, &tmp, L->a->art->path);
  a2b_pdf_spans_free(&s);
  a2b_pdf_vitem *f = a2b_pdf_lay_push(L, A2B_PDF_V_FRAME);
  f->u.frame_lines = a2b_alloc(c->arena, (tmp.n ? tmp.n : 1) * sizeof *f->u.frame_lines);
  for (size_t i = 0; i < tmp.n; i++)
    if (tmp.items[i].kind == A2B_PDF_V_LINE) f->u.frame_lines[f->frame_n++] = tmp.items[i].u.line;
  f->width = fw;
  f->x = L->left + (L->measure - fw) / 2;
  f->height = a2b_pdf_lay_grid(L, f->frame_n * st->small_pitch + 2 * pad);
}

void a2b_pdf_lay_figure(a2b_pdf_lay *L, const a2b_node *img, const a2b_node *caption) {
  const a2b_pdf_style *st = L->a->c->st;
  size_t start = L->out->n;
  if (drawable(img->u.image.res)) {
    a2b_pdf_vitem *it = a2b_pdf_lay_push(L, A2B_PDF_V_IMAGE);
    image_size(L, img, &it->width, &it->height);
    it->x = L->left + (L->measure - it->width) / 2;
    it->u.image = img->u.image.res;
  } else {
    frame(L, img);
  }
  a2b_pdf_para p;
  a2b_pdf_span style;
  small_para(L, &p, &style);
  a2b_pdf_spans s = {0};
  if (caption)
    a2b_pdf_spans_inlines(L, caption->first_child, &style, &s);
  else if (img->u.image.title && *img->u.image.title)
    a2b_pdf_spans_push(&s, &style, img->u.image.title, strlen(img->u.image.title));
  if (s.n) {
    a2b_pdf_lay_keep_space(L, st->line_pitch / 2);
    size_t from = L->out->n;
    a2b_pdf_lay_set(L, &s, &p);
    a2b_pdf_lay_keep_lines(L, from);
  }
  a2b_pdf_spans_free(&s);
  a2b_pdf_lay_snap(L, start);
}
