/* fp-banner.h: a message under the header bar that stays until answered
 *
 * What AdwBanner (libadwaita 1.3) is, for 1.2: a line of text with a
 * button, sliding in above the content and pushing it down rather than
 * covering it as a toast would; a close button beside it lets the user
 * wave it away. For news that waits for an answer: the file changed on
 * disk, or is gone.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_BANNER (fp_banner_get_type ())
G_DECLARE_FINAL_TYPE (FpBanner, fp_banner, FP, BANNER, GtkWidget)

GtkWidget  *fp_banner_new       (void);
/* Shows @title with a button labelled @button_label (a mnemonic) that
 * activates @action_name; a banner already shown changes its words. */
void        fp_banner_show      (FpBanner   *self,
                                 const char *title,
                                 const char *button_label,
                                 const char *action_name);
/* Hides the banner; "dismissed" is not emitted. */
void        fp_banner_hide      (FpBanner   *self);
gboolean    fp_banner_is_shown  (FpBanner   *self);
const char *fp_banner_get_title (FpBanner   *self);

G_END_DECLS
