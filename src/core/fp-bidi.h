/* fp-bidi.h: a stage's name written right to left inside a sentence
 *
 * An Arabic stage name leading an English warning made the whole line
 * right to left ("takes 18 days, عملاء مؤهلون longer than…", right
 * aligned): a paragraph takes the direction of its first letter, and the
 * name's letters took the sentence's words with them. Such a name is
 * isolated (FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE), and a
 * sentence that starts with one starts with the mark of its own
 * direction. Names written left to right are left as typed: every
 * translation of the app runs left to right, and plain names keep the
 * messages plain text for scripts reading `--project`.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @script is written right to left */
gboolean _fp_bidi_script_is_rtl (GUnicodeScript  script);
/* Whether @text holds a character that sets a direction or opens or
 * closes an embedding, an override or an isolate */
gboolean _fp_bidi_has_control   (const char     *text);
/* @name to put into a sentence: isolated when it has letters written
 * right to left, or a character that controls direction */
char    *_fp_bidi_isolate       (const char     *name);
/* @sentence (taken), with the mark of its direction (its first letter
 * outside the isolates) first when it starts with an isolated name */
char    *_fp_bidi_lead          (char           *sentence);

G_END_DECLS
