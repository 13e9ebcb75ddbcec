/* fp-toast-slot.c: one toast for one subject, its words changed in place */

#include "config.h"

#include "fp-toast-slot.h"

AdwToast *
fp_toast_new_text (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
}

void
fp_toast_slot_clear (FpToastSlot *slot)
{
  g_clear_handle_id (&slot->timeout_id, g_source_remove);
  if (slot->toast == NULL)
    return;
  g_signal_handlers_disconnect_by_data (slot->toast, slot);
  g_object_remove_weak_pointer (G_OBJECT (slot->toast), (gpointer *) &slot->toast);
  slot->toast = NULL;
}

void
fp_toast_slot_dismiss (FpToastSlot *slot)
{
  AdwToast *toast = slot->toast;

  fp_toast_slot_clear (slot);
  if (toast != NULL)
    adw_toast_dismiss (toast);
}

gboolean
fp_toast_slot_is_shown (FpToastSlot *slot)
{
  return slot->toast != NULL;
}

static void
on_toast_dismissed (AdwToast    *toast,
                    FpToastSlot *slot)
{
  if (slot->toast == toast)
    fp_toast_slot_clear (slot);
}

static gboolean
on_timeout (gpointer data)
{
  FpToastSlot *slot = data;

  slot->timeout_id = 0;
  fp_toast_slot_dismiss (slot);
  return G_SOURCE_REMOVE;
}

AdwToast *
fp_toast_slot_show (FpToastSlot     *slot,
                    AdwToastOverlay *overlay,
                    const char      *title,
                    guint            seconds)
{
  return fp_toast_slot_show_button (slot, overlay, title, seconds, NULL, NULL);
}

AdwToast *
fp_toast_slot_show_button (FpToastSlot     *slot,
                           AdwToastOverlay *overlay,
                           const char      *title,
                           guint            seconds,
                           const char      *button_label,
                           const char      *action_name)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (slot->toast != NULL)
    adw_toast_set_title (slot->toast, escaped);
  else
    {
      slot->toast = adw_toast_new (escaped);
      /* Before it is shown: libadwaita 1.2 builds the toast's button once */
      adw_toast_set_button_label (slot->toast, button_label);
      adw_toast_set_action_name (slot->toast, action_name);
      /* The slot times it: a toast's own timeout starts when it shows,
       * and does not start again for new words. A toast with a button is
       * libadwaita's to time, from when it shows: queued behind another,
       * it would spend its seconds unseen. */
      adw_toast_set_timeout (slot->toast, button_label != NULL ? seconds : 0);
      /* The overlay owns it, and may free it without a "dismissed" */
      g_object_add_weak_pointer (G_OBJECT (slot->toast), (gpointer *) &slot->toast);
      g_signal_connect (slot->toast, "dismissed", G_CALLBACK (on_toast_dismissed), slot);
      adw_toast_overlay_add_toast (overlay, slot->toast);
    }
  g_clear_handle_id (&slot->timeout_id, g_source_remove);
  if (seconds > 0 && adw_toast_get_button_label (slot->toast) == NULL)
    slot->timeout_id = g_timeout_add_seconds (seconds, on_timeout, slot);
  return slot->toast;
}
