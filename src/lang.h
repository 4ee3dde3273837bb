/* Language tags. */
#ifndef A2B_LANG_H
#define A2B_LANG_H

#include "art2book/doc.h"

/* Canonical case of a BCP 47 tag (`zh-cn` -> `zh-CN`, `zh-hant` -> `zh-Hant`,
 * `zh_CN` -> `zh-CN`), in arena. */
const char *a2b_lang_canonical(a2b_arena *arena, const char *tag);

#endif
