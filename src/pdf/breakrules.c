#include "pdf/breakrules.h"

#include "utf8.h"

/* Line breaking classes of UAX #14 (the subset this module knows), with
 * quotation marks split into opening, closing and ambiguous ones. */
typedef enum cls {
  XX, /* unknown: refuse the text */
  AL, /* letters, symbols */
  NU, /* digits */
  ID, /* ideographs, kana */
  SP, /* space */
  BK, /* newline */
  GL, /* no-break space, word joiner */
  ZW, /* zero width space */
  CM, /* combining marks */
  OP, /* opening brackets */
  CP, /* ) ] */
  CL, /* closing brackets, 、。，． and full-width ：； */
  EX, /* ! ? */
  IS, /* , . : ; */
  SY, /* / */
  NS, /* non-starters: · ～ 々 (small kana and ー in Japanese) */
  IN, /* … ‥ */
  B2, /* — */
  HY, /* - */
  BA, /* break after: ‐ – | ideographic space, soft hyphen */
  BB, /* break before: ´ */
  QO, /* opening quotes “ ‘ */
  QC, /* closing quotes ” ’ */
  QU, /* ambiguous quotes " ' « » */
  PR, /* prefixes: $ ¥ € + */
  PO  /* postfixes: % ° ‰ ℃ */
} cls;

static bool small_kana(uint32_t c) {
  switch (c) {
  case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: case 0x3063: case 0x3083:
  case 0x3085: case 0x3087: case 0x308E: case 0x3095: case 0x3096: case 0x30A1: case 0x30A3:
  case 0x30A5: case 0x30A7: case 0x30A9: case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7:
  case 0x30EE: case 0x30F5: case 0x30F6: case 0x30FC: /* ー */
    return true;
  default: return c >= 0x31F0 && c <= 0x31FF;
  }
}

static const unsigned char ascii[128] = {
    ['\t'] = SP, ['\n'] = BK, ['\r'] = BK, [' '] = SP, ['!'] = EX, ['"'] = QU, ['#'] = AL,
    ['$'] = PR, ['%'] = PO, ['&'] = AL, ['\''] = QU, ['('] = OP, [')'] = CP, ['*'] = AL,
    ['+'] = PR, [','] = IS, ['-'] = HY, ['.'] = IS, ['/'] = SY, [':'] = IS, [';'] = IS,
    ['<'] = AL, ['='] = AL, ['>'] = AL, ['?'] = EX, ['@'] = AL, ['['] = OP, ['\\'] = PR,
    [']'] = CP, ['^'] = AL, ['_'] = AL, ['`'] = AL, ['{'] = OP, ['|'] = BA, ['}'] = CL,
    ['~'] = AL,
};

static cls latin1(uint32_t c, bool cjk) {
  switch (c) {
  case 0xA0: return GL;
  case 0xA1: case 0xBF: return OP;
  case 0xA2: case 0xB0: return PO;
  case 0xA3: case 0xA4: case 0xA5: case 0xB1: return PR;
  case 0xAB: case 0xBB: return QU;
  case 0xAD: return BA;
  case 0xB4: return BB;
  case 0xB7: return cjk ? NS : AL;
  default: return AL;
  }
}

static cls punctuation(uint32_t c) { /* U+2000 .. U+206F */
  if (c <= 0x200A) return c == 0x2007 ? GL : BA;
  switch (c) {
  case 0x200B: return ZW;
  case 0x200C: return CM;
  case 0x2010: case 0x2012: case 0x2013: case 0x2027: return BA;
  case 0x2011: case 0x202F: case 0x2060: return GL;
  case 0x2014: return B2;
  case 0x2018: case 0x201C: return QO;
  case 0x2019: case 0x201D: return QC;
  case 0x201A: case 0x201E: return OP;
  case 0x201B: case 0x201F: case 0x2039: case 0x203A: return QU;
  case 0x2024: case 0x2025: case 0x2026: return IN;
  case 0x2030: case 0x2031: case 0x2032: case 0x2033: case 0x2034: case 0x2035: case 0x2036:
  case 0x2037: return PO;
  case 0x203B: return ID;
  case 0x203C: case 0x2047: case 0x2048: case 0x2049: return NS;
  case 0x2015: case 0x2016: case 0x2017: case 0x2020: case 0x2021: case 0x2022: case 0x2023:
  case 0x2038: case 0x203E: return AL;
  default: return XX;
  }
}

static cls cjk_symbol(uint32_t c) { /* U+3000 .. U+303F */
  if (c >= 0x3008 && c <= 0x3011) return c % 2 == 0 ? OP : CL;
  if (c >= 0x3014 && c <= 0x301B) return c % 2 == 0 ? OP : CL;
  switch (c) {
  case 0x3000: return BA;
  case 0x3001: case 0x3002: case 0x301E: case 0x301F: return CL;
  case 0x3005: case 0x301C: case 0x303B: return NS;
  case 0x301D: return OP;
  default: return ID;
  }
}

static cls full_width(uint32_t c) { /* U+FF00 .. U+FFEF */
  switch (c) {
  case 0xFF01: case 0xFF1F: return EX;
  case 0xFF04: case 0xFFE1: case 0xFFE5: case 0xFFE6: return PR;
  case 0xFF05: case 0xFFE0: return PO;
  case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0xFF62: return OP;
  case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF3D: case 0xFF5D:
  case 0xFF60: case 0xFF61: case 0xFF63: case 0xFF64: return CL;
  case 0xFF5E: case 0xFF65: return NS;
  default: return (c >= 0xFF66 && c <= 0xFFDF) || c == 0xFF00 ? XX : ID;
  }
}

static cls class_of(uint32_t c, bool cjk) {
  if (c < 0x80) return c < 0x20 && !ascii[c] ? XX : c >= '0' && c <= '9' ? NU
                       : (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? AL
                       : c == 0x7F ? XX : (cls)ascii[c];
  if (c < 0x100) return c < 0xA0 ? XX : latin1(c, cjk);
  if (c < 0x300) return AL;                   /* Latin extended, IPA, modifiers */
  if (c < 0x370) return CM;                   /* combining diacritics */
  if (c < 0x530) return AL;                   /* Greek, Cyrillic */
  if (c >= 0x1E00 && c < 0x2000) return AL;   /* Latin and Greek extended */
  if (c >= 0x2000 && c < 0x2070) return punctuation(c);
  if (c == 0x20AC || c == 0x2116) return PR;  /* € № */
  if (c == 0x2103) return PO;                 /* ℃ */
  if ((c >= 0x2100 && c < 0x2300) || (c >= 0x2460 && c < 0x2600)) return AL; /* symbols */
  if (c >= 0x2E80 && c < 0x3000) return ID;   /* radicals */
  if (c >= 0x3000 && c < 0x3040) return cjk_symbol(c);
  if (c >= 0x3040 && c < 0x3100) {            /* kana */
    if (small_kana(c) || c == 0x309B || c == 0x309C || c == 0x309D || c == 0x309E || c == 0x30A0 ||
        c == 0x30FB || c == 0x30FD || c == 0x30FE)
      return NS;
    return ID;
  }
  if (c >= 0x3100 && c < 0xA000) return c >= 0x31F0 && c < 0x3200 ? NS : ID;
  if (c >= 0xF900 && c < 0xFB00) return ID;
  if (c == 0xFE0E || c == 0xFE0F || (c >= 0xE0100 && c < 0xE01F0)) return CM; /* selectors */
  if (c >= 0xFF00 && c < 0xFFF0) return full_width(c);
  if (c >= 0x20000 && c < 0x40000) return ID;
  return XX;
}

/* Set as a full-width cell next to which quotation marks may break. */
static bool wide(uint32_t c) { return c >= 0x2E80 && !(c >= 0xFF61 && c <= 0xFFDC); }

static bool no_start_class(cls k) {
  return k == CL || k == CP || k == EX || k == IS || k == NS || k == QC || k == IN || k == B2;
}

bool a2b_br_no_start(uint32_t c, bool cjk) { return no_start_class(class_of(c, cjk)); }

bool a2b_br_no_end(uint32_t c) {
  cls k = class_of(c, true);
  return k == OP || k == QO;
}

bool a2b_br_is_compressible(uint32_t c) {
  cls k = class_of(c, true);
  if (c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019) return true;
  return c >= 0x3000 && c != 0x3000 && (k == OP || k == CL || k == EX);
}

bool a2b_br_is_ideo(uint32_t c) {
  return a2b_is_han(c) || (a2b_is_kana(c) && c < 0xFF66 && c != 0x30FB) ||
         (c >= 0x3100 && c <= 0x312F) || (c >= 0x31A0 && c <= 0x31BF);
}

/* The action between a (the last character before the boundary that is not
 * a space) and b, with `sp` spaces between them. */
static unsigned char decide(cls a, uint32_t ca, cls b, uint32_t cb, bool sp) {
  if (b == CM) return A2B_BR_NEVER;
  if (a == ZW) return A2B_BR_ALLOW;
  if (b == ZW) return A2B_BR_WORD;
  if (b == BK) return A2B_BR_WORD;
  if (!sp && (a == GL || b == GL)) return A2B_BR_NEVER;
  if (no_start_class(b) || a == OP || a == QO) return A2B_BR_NEVER;
  if (a == BK) return A2B_BR_ALLOW;
  if (b == SY && sp) return A2B_BR_WORD;
  if (sp) return A2B_BR_ALLOW;
  switch (b) {
  case QO: return wide(ca) ? A2B_BR_ALLOW : A2B_BR_WORD;
  case QU: case SY: case HY: case BA: return A2B_BR_WORD;
  default: break;
  }
  switch (a) {
  case QC: return wide(cb) ? A2B_BR_ALLOW : A2B_BR_WORD;
  case QU: case BB: return A2B_BR_WORD;
  case HY: case SY: return b == NU ? A2B_BR_WORD : A2B_BR_ALLOW;
  case PR: return b == NU || b == AL || b == ID || b == OP ? A2B_BR_WORD : A2B_BR_ALLOW;
  case PO: return b == NU || b == AL || b == OP ? A2B_BR_WORD : A2B_BR_ALLOW;
  case IS: return b == NU || b == AL ? A2B_BR_WORD : A2B_BR_ALLOW;
  case CP: return b == AL || b == NU || b == PO || b == PR ? A2B_BR_WORD : A2B_BR_ALLOW;
  case CL: return b == PO || b == PR ? A2B_BR_WORD : A2B_BR_ALLOW;
  case ID: return b == PO ? A2B_BR_WORD : A2B_BR_ALLOW;
  case AL: case NU:
    if (b == AL || b == NU || b == PO || b == PR) return A2B_BR_WORD;
    return b == OP && !wide(cb) ? A2B_BR_WORD : A2B_BR_ALLOW;
  default: return A2B_BR_ALLOW;
  }
}

bool a2b_br_find(const char *text, size_t len, bool cjk, unsigned char *out) {
  const char *p = text, *end = text + len;
  size_t i = 0;
  cls a = BK;
  uint32_t ca = 0;
  bool sp = false, first = true;
  while (p < end) {
    uint32_t c = a2b_utf8_next(&p);
    cls b = class_of(c, cjk);
    if (b == XX) return false;
    if (first) {
      out[i++] = A2B_BR_NEVER;
      first = false;
    } else if (b == SP) {
      out[i++] = A2B_BR_WORD;
    } else {
      out[i++] = decide(a, ca, b, c, sp);
    }
    if (b == SP) {
      sp = a != BK; /* spaces at a line start: as after a newline */
      continue;
    }
    if (b != CM || a == BK) a = b, ca = c; /* a mark takes its base's class */
    sp = false;
  }
  out[i] = A2B_BR_ALLOW;
  return true;
}

void a2b_br_kinsoku(const char *text, size_t len, bool cjk, unsigned char *out) {
  const char *p = text, *end = text + len;
  uint32_t prev = 0;
  for (size_t i = 0; p < end; i++) {
    uint32_t c = a2b_utf8_next(&p);
    if (c == ' ' || c == '\t') continue;
    if (i && prev && (a2b_br_no_start(c, cjk) || a2b_br_no_end(prev))) out[i] = A2B_BR_NEVER;
    prev = c == '\n' ? 0 : c;
  }
}
