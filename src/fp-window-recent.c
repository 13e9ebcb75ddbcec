/* fp-window-recent.c: Open Recent, the plans opened or saved last
 *
 * Plans go to GTK's list of recent files as they are opened and saved; a
 * person coming back the next day found them only in the file chooser's
 * Recent place. The main menu lists the last ones that are still there,
 * newest first, and opens one as Open does. The list is read each time the
 * menu opens: another window, or another program, may have added to it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "fp-plan-io.h"
#include "fp-window-private.h"

#define MAX_RECENT 10

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* A plan by its name, in any case as the app opens it, or one the app
 * opened or saved under another name ("plan.json"): a JSON file it put in
 * the list. Not what GTK's file chooser put there for the app, as an
 * export (a PNG). */
static gboolean
is_recent_plan (GtkRecentInfo *info)
{
  g_autofree char *folded = g_utf8_casefold (gtk_recent_info_get_uri (info), -1);

  return g_str_has_suffix (folded, FP_PLAN_SUFFIX)
         || (gtk_recent_info_has_application (info, g_get_application_name ())
             && g_strcmp0 (gtk_recent_info_get_mime_type (info), "application/json") == 0);
}

/* The recent plans that still exist, newest first, at most MAX_RECENT */
static GPtrArray *
recent_plans (void)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GPtrArray *plans = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (is_recent_plan (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (plans, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (plans, compare_newest_first);
  if (plans->len > MAX_RECENT)
    g_ptr_array_set_size (plans, MAX_RECENT);
  return plans;
}

/* @name as a menu shows it: a menu's labels have mnemonics, and
 * "q3_plan" would read "q3plan" with the p underlined */
static char *
without_mnemonics (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "_", -1);

  return g_strjoinv ("__", parts);
}

/* The most characters a recent plan's label has: a file name of 255
 * bytes made the main menu as wide as the screen */
#define LABEL_MAX_CHARS 60

/* @label cut in the middle to LABEL_MAX_CHARS, where the start and the end
 * ("....funnel.json (Shared)") still tell plans apart */
static char *
shortened (const char *label)
{
  glong length = g_utf8_strlen (label, -1);
  glong kept = (LABEL_MAX_CHARS - 1) / 2;
  g_autofree char *start = NULL;

  if (length <= LABEL_MAX_CHARS)
    return g_strdup (label);
  start = g_utf8_substring (label, 0, kept);
  return g_strconcat (start, "…", g_utf8_offset_to_pointer (label, length - kept), NULL);
}

/* @folder as a label names it in full: "~/Plans" in the home folder,
 * else its path */
static char *
folder_path_shown (GFile *folder)
{
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *below_home = g_file_get_relative_path (home, folder);

  if (below_home != NULL)
    {
      g_autofree char *shown = g_filename_display_name (below_home);

      return g_build_filename ("~", shown, NULL);
    }
  return fp_file_get_display_path (folder);
}

/* "q3.funnel.json", or "q3.funnel.json (Shared)" where another recent
 * plan has the same name: in the folder named. Where that one's folder
 * has the same name too, the folder's path: "(~/Work/Shared)". */
static char *
item_label (GPtrArray *plans,
            guint      index)
{
  GtkRecentInfo *info = g_ptr_array_index (plans, index);
  g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = _fp_window_display_name (file);
  g_autofree char *folder = parent != NULL ? _fp_window_display_name (parent) : NULL;
  gboolean name_shared = FALSE;
  gboolean folder_shared = FALSE;

  for (guint i = 0; i < plans->len; i++)
    {
      g_autoptr(GFile) other = g_file_new_for_uri (gtk_recent_info_get_uri (g_ptr_array_index (plans, i)));
      g_autoptr(GFile) other_parent = g_file_get_parent (other);
      g_autofree char *other_name = _fp_window_display_name (other);

      if (i == index || !g_str_equal (name, other_name))
        continue;
      name_shared = TRUE;
      if (other_parent != NULL && folder != NULL)
        {
          g_autofree char *other_folder = _fp_window_display_name (other_parent);

          folder_shared |= g_str_equal (folder, other_folder);
        }
    }
  if (!name_shared || parent == NULL)
    return g_steal_pointer (&name);
  if (folder_shared)
    {
      g_free (folder);
      folder = folder_path_shown (parent);
    }
  /* Translators: a recent plan's file name, then its folder's */
  return g_strdup_printf (_("%s (%s)"), name, folder);
}

void
_fp_window_recent_update_menu (FpWindow *self)
{
  g_autoptr(GPtrArray) plans = recent_plans ();

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < plans->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (plans, i);
      g_autofree char *label = item_label (plans, i);
      g_autofree char *short_label = shortened (label);
      g_autofree char *shown = without_mnemonics (short_label);
      g_autoptr(GMenuItem) item = g_menu_item_new (shown, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  /* An item without an action shows, and cannot be chosen */
  if (plans->len == 0)
    g_menu_append (self->recent_menu, _("No Recent Plans"), NULL);
}

void
_fp_window_open_recent (FpWindow   *self,
                        const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  _fp_window_open (self, file);
}
