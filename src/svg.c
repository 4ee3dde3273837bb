#include "svg.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"

#define SVG_NS "http://www.w3.org/2000/svg"

static bool is(const xmlChar *name, const char *s) {
  return strcasecmp((const char *)name, s) == 0;
}

static bool starts_ci(const char *s, const char *prefix) {
  return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_ci(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* True if a CSS or attribute text pulls in something outside the document:
 * @import, or url() with a target other than "#..." or data:. */
static bool remote_css(const char *s) {
  for (const char *p = s; *p; p++) {
    if (starts_ci(p, "@import")) return true;
    if (!starts_ci(p, "url(")) continue;
    const char *t = p + 4;
    while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r' || *t == '"' || *t == '\'')
      t++;
    if (*t != '#' && !starts_ci(t, "data:")) return true;
  }
  return false;
}

static bool safe_href(const char *v) {
  while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
    v++;
  return *v == '#' || starts_ci(v, "data:image/");
}

static bool dangerous_element(xmlNode *n) {
  static const char *const banned[] = {"script", "foreignObject", "iframe",  "embed",
                                       "object", "handler",       "listener"};
  for (size_t i = 0; i < sizeof banned / sizeof *banned; i++)
    if (is(n->name, banned[i])) return true;
  if (is(n->name, "set") || is(n->name, "animate")) {
    xmlChar *target = xmlGetProp(n, (const xmlChar *)"attributeName");
    bool bad = target && (ends_ci((char *)target, "href") || starts_ci((char *)target, "on"));
    xmlFree(target);
    if (bad) return true;
  }
  if (is(n->name, "style")) {
    xmlChar *css = xmlNodeGetContent(n);
    bool bad = css && remote_css((const char *)css);
    xmlFree(css);
    if (bad) return true;
  }
  return false;
}

static void clean_attributes(xmlNode *n) {
  for (xmlAttr *a = n->properties, *next; a; a = next) {
    next = a->next;
    xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
    const char *val = v ? (const char *)v : "";
    bool bad = starts_ci((const char *)a->name, "on") || (is(a->name, "href") && !safe_href(val)) ||
               remote_css(val);
    xmlFree(v);
    if (bad) xmlRemoveProp(a);
  }
}

/* Remove what must go below `n`; false (with *err) if something is refused. */
static bool clean(xmlNode *n, char **err) {
  for (xmlNode *c = n->children, *next; c; c = next) {
    next = c->next;
    if (c->type == XML_ENTITY_REF_NODE) {
      *err = a2b_xsprintf("SVG refers to undeclared entity '&%s;'", (const char *)c->name);
      return false;
    }
    if (c->type == XML_PI_NODE || (c->type == XML_ELEMENT_NODE && dangerous_element(c))) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    clean_attributes(c);
    if (!clean(c, err)) return false;
  }
  return true;
}

/* Whether the DOCTYPE declares entities, and whether any could load
 * something (external or parameter entities). */
static void scan_dtd(xmlDtd *dtd, bool *internal, bool *unsafe) {
  *internal = *unsafe = false;
  if (!dtd) return;
  for (xmlNode *c = dtd->children; c; c = c->next) {
    if (c->type != XML_ENTITY_DECL) continue;
    if (((xmlEntity *)c)->etype == XML_INTERNAL_GENERAL_ENTITY)
      *internal = true;
    else
      *unsafe = true;
  }
}

static xmlDoc *parse(xmlParserCtxt *ctxt, const unsigned char *data, size_t size, int extra,
                     char **err) {
  int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | extra;
  xmlDoc *doc = xmlCtxtReadMemory(ctxt, (const char *)data, (int)size, NULL, NULL, opts);
  if (!doc) {
    xmlError *e = xmlCtxtGetLastError(ctxt);
    const char *m = e && e->message ? e->message : "not well-formed";
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
      n--;
    *err = a2b_xsprintf("malformed SVG (line %d: %.*s)", e ? e->line : 0, (int)n, m);
  }
  return doc;
}

static char *serialise(xmlDoc *doc, xmlNode *root, size_t *out_len) {
  /* Keep only the root element: no DOCTYPE, no top-level comments or PIs. */
  for (xmlNode *c = doc->children, *next; c; c = next) {
    next = c->next;
    if (c == root) continue;
    xmlUnlinkNode(c);
    xmlFreeNode(c);
  }
  doc->intSubset = NULL;
  doc->standalone = -1;
  xmlChar *mem = NULL;
  int len = 0;
  xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
  if (!mem) return NULL;
  char *out = a2b_xmalloc((size_t)len + 1);
  memcpy(out, mem, (size_t)len);
  out[len] = '\0';
  xmlFree(mem);
  *out_len = (size_t)len;
  return out;
}

char *a2b_svg_sanitize(const unsigned char *data, size_t size, size_t *out_len, char **err) {
  *err = NULL;
  *out_len = 0;
  if (size > INT_MAX) {
    *err = a2b_xsprintf("SVG too large");
    return NULL;
  }
  xmlInitParser();
  xmlParserCtxt *ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    fputs("art2book: fatal: out of memory\n", stderr);
    abort();
  }
  char *out = NULL;
  bool internal, unsafe;
  xmlDoc *doc = parse(ctxt, data, size, 0, err);
  if (doc) scan_dtd(doc->intSubset, &internal, &unsafe);
  if (doc && unsafe)
    *err = a2b_xsprintf("SVG declares external or parameter entities (refused)");
  else if (doc && internal) {
    /* Only internal entities exist, so substituting them loads nothing. */
    xmlFreeDoc(doc);
    doc = parse(ctxt, data, size, XML_PARSE_NOENT, err);
  }
  xmlNode *root = doc && !*err ? xmlDocGetRootElement(doc) : NULL;
  if (root &&
      (!is(root->name, "svg") || (root->ns && strcmp((const char *)root->ns->href, SVG_NS))))
    *err = a2b_xsprintf("root element <%s> is not <svg>", (const char *)root->name);
  else if (root && clean(root, err)) {
    clean_attributes(root);
    if (!root->ns) xmlSetNs(root, xmlNewNs(root, (const xmlChar *)SVG_NS, NULL));
    out = serialise(doc, root, out_len);
    if (!out) *err = a2b_xsprintf("cannot serialise SVG");
  }
  if (doc && !root && !*err) *err = a2b_xsprintf("SVG has no root element");
  xmlFreeDoc(doc);
  xmlFreeParserCtxt(ctxt);
  return out;
}
