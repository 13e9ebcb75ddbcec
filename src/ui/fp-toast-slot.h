/* fp-toast-slot.h: one toast for one subject, its words changed in place
 *
 * libadwaita 1.2 (Debian 12's) aborts when a toast that a high-priority
 * one pushed aside comes back while still sliding away, and uses freed
 * memory when one toast is dismissed for another at once. A slot keeps one
 * toast for its subject (the values the panel refused, the stage just
 * removed): the next message changes the words of the toast already there,
 * and no toast is high-priority.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct
{
  AdwToast *toast;     /* shown or waiting; the overlay owns it */
  guint timeout_id;
} FpToastSlot;

/* A toast with @title as text: libadwaita 1.2 reads a title as markup,
 * and a plan named "R&D" showed nothing. */
AdwToast *fp_toast_new_text     (const char      *title);
/* Shows @title in the slot's toast, or in a new one in @overlay. It stays
 * @seconds from now, or until dismissed when 0. The toast, for its button. */
AdwToast *fp_toast_slot_show    (FpToastSlot     *slot,
                                 AdwToastOverlay *overlay,
                                 const char      *title,
                                 guint            seconds);
/* The same, the toast with a button that activates @action_name (both
 * NULL: none); its @seconds count from when it shows. A toast already in
 * the slot keeps its button and its time. */
AdwToast *fp_toast_slot_show_button (FpToastSlot     *slot,
                                     AdwToastOverlay *overlay,
                                     const char      *title,
                                     guint            seconds,
                                     const char      *button_label,
                                     const char      *action_name);
/* TRUE while the slot has a toast */
gboolean  fp_toast_slot_is_shown (FpToastSlot    *slot);
/* The slot's toast goes. */
void      fp_toast_slot_dismiss (FpToastSlot     *slot);
/* Forgets the toast and leaves it to the overlay: the slot's owner goes. */
void      fp_toast_slot_clear   (FpToastSlot     *slot);

G_END_DECLS
