/* fp-window-private.h: the window's parts, shared by its files and tests */
#pragma once

#include <gio/gunixmounts.h>

#include "fp-banner.h"
#include "fp-drafts.h"
#include "fp-export.h"
#include "fp-plan-panel.h"
#include "fp-projections-panel.h"
#include "fp-toast-slot.h"
#include "fp-window.h"

G_BEGIN_DECLS

/* The panes F6 goes round: the plan settings, the chart, the projections */
#define FP_WINDOW_N_PANES 3

/* A plan file's extension: what Save As adds, what Open Recent lists */
#define FP_PLAN_SUFFIX ".funnel.json"

/* What the banner about the file on disk says */
typedef enum
{
  FP_DISK_NEWS_RELOAD,    /* another program changed it: Reload */
  FP_DISK_NEWS_MISSING,   /* it was deleted or moved away: Save */
  FP_DISK_NEWS_REPLACED,  /* a folder, device or pipe took its place: Save As */
} FpDiskNews;

/* What the person chose for a side panel (fp-window-panels.c) */
typedef struct
{
  gboolean hidden;      /* hidden while docked: stays hidden when it docks again */
  gboolean held_back;   /* the projections panel, given the hidden plan
                         * panel's room: see fp-window-panels.c */
} FpPanelChoice;

struct _FpWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwHeaderBar *header_bar;
  AdwWindowTitle *window_title;
  GtkWidget *plan_panel_button;
  AdwSqueezer *open_squeezer;
  AdwSqueezer *switcher_squeezer;
  AdwSqueezer *save_squeezer;
  GtkWidget *open_button;     /* Open with its label, while there is room */
  GtkWidget *save_button;     /* Save with its label, while there is room */
  GtkButton *save_icon_button;
  GtkWidget *projections_panel_button;
  AdwViewSwitcher *view_switcher;
  AdwViewSwitcherBar *switcher_bar;
  AdwViewStack *view_stack;
  GtkWidget *funnel_view;
  GtkWidget *timeline_view;
  AdwFlap *plan_flap;
  AdwFlap *projections_flap;
  FpPlanPanel *plan_panel;
  FpProjectionsPanel *projections_panel;
  AdwToastOverlay *toast_overlay;
  GtkStack *content_stack;    /* the plan, or the failed open's page */
  GtkMenuButton *menu_button;
  GMenu *primary_menu;
  GMenu *templates_menu;
  GMenu *recent_menu;         /* Open Recent (fp-window-recent.c) */

  /* The document */
  FpPlan *plan;
  gulong plan_changed_id;
  gulong plan_modified_id;
  GBinding *undo_binding;
  GBinding *redo_binding;
  GFile *file;
  char *file_version;         /* the file's version that is the window's (fp-file-version.h):
                               * loaded, saved, or a change waved away; "" none */
  char *file_checksum;        /* the version last loaded or saved: the plan's saved state */
  char *draft_base;           /* the file's version the plan's changes are to (see fp-drafts.h) */
  GFileMonitor *monitor;
  GUnixMountMonitor *mount_monitor; /* an unmount takes the file away unseen */
  guint monitor_source;
  gboolean read_only;         /* the file is one Save refuses: the subtitle says so */
  FpBanner *disk_banner;      /* about the file on disk */
  FpDiskNews disk_news;
  char *disk_version;         /* the changed version the reload offer is for */
  gboolean reload_after_draft; /* that version was saved after the recovered draft */

  /* Drafts */
  FpDrafts *drafts;
  char *draft_id;
  guint draft_source;
  FpToastSlot draft_toast;    /* a draft that could not be written, told once */
  gboolean draft_failed;      /* since the last draft written */

  GSettings *settings;
  gboolean close_confirmed;   /* the unsaved-changes question was answered */
  gboolean close_after_save;  /* close once Save As succeeds */
  GtkNativeDialog *chooser;   /* the open file chooser, if any */
  FpExportChart export_chart; /* what the export chooser was opened for */
  int export_width;           /* and the size picked in it */
  int export_height;

  /* The side panels (fp-window-panels.c): what the person chose for each,
   * and whether the window itself is showing or hiding one, which is no
   * choice of the person's */
  FpPanelChoice plan_panel_choice;
  FpPanelChoice projections_panel_choice;
  gboolean placing_panels;
  guint projections_wait_id;       /* placing it once the plan panel's slide is over */
  guint projections_wait_frames;
  guint panels_frames_seen;   /* up to 2: the panels were laid out once */

  /* F6: the widget that last had the focus in each pane (weak) */
  GtkWidget *pane_focus[FP_WINDOW_N_PANES];
  /* The last two chart handles that had the focus, the last first (weak;
   * fp-window-views.c) */
  GtkWidget *handle_focus[2];
  GtkWindow *close_dialog;    /* the unsaved-changes question, if shown */
  FpQuitAnswered quit_answered; /* the question is the quit's: who waits for it */
  gpointer quit_answered_data;
  guint edits;                /* the plan's edits and replacements, counted */
  guint edits_at_discard;     /* @edits when the quit's question was answered Discard */

  /* The file named on the command line that did not open, while the
   * window says so in place of a plan (fp-window-failed-open.c) */
  GFile *failed_file;
  AdwStatusPage *failed_page;
  GtkWidget *failed_try_again;
  FpToastSlot failed_toast;   /* "still does not open", after Try Again */
};

/* fp-window-actions.c */
void      _fp_window_actions_dispose   (FpWindow     *self);

/* fp-window.c */
void      _fp_window_set_document      (FpWindow     *self,
                                        FpPlan       *plan,
                                        GFile        *file);
void      _fp_window_update_title      (FpWindow     *self);
void      _fp_window_add_toast         (FpWindow     *self,
                                        const char   *title);
/* @going is hiding: a focus inside it goes to the chart in view, rather
 * than nowhere to be seen (GTK would give it to the first text field) */
void      _fp_window_focus_chart_from  (FpWindow     *self,
                                        GtkWidget    *going);

/* fp-window-views.c */
void      _fp_window_views_init        (FpWindow     *self);
void      _fp_window_views_dispose     (FpWindow     *self);
/* @handle, or, when it is in the chart that is not shown, the one for the
 * same stage's days in the chart shown (NULL if none) */
GtkWidget *_fp_window_views_handle_shown (FpWindow   *self,
                                          GtkWidget  *handle);

/* fp-window-actions.c */
void      _fp_window_actions_init      (FpWindow     *self);
void      _fp_window_actions_update    (FpWindow     *self);

/* fp-window-disk.c */
/* The file's state on disk is the window's own (after a load or a save):
 * the version @read was read from or written to, or, when @read is NULL or
 * does not know it, the file as it is now. */
void      _fp_window_remember_disk_state (FpWindow   *self,
                                          FpPlan     *read);
/* TRUE when another program wrote the file since then, unseen. */
gboolean  _fp_window_file_changed_on_disk (FpWindow  *self);
void      _fp_window_reload            (FpWindow     *self);
/* Watches the file for changes, and reads whether it is read-only */
void      _fp_window_watch_file        (FpWindow     *self);
void      _fp_window_disk_dispose      (FpWindow     *self);
/* TRUE while the banner about the file tells @news */
gboolean  _fp_window_disk_news_is      (FpWindow     *self,
                                        FpDiskNews    news);
/* The user closed that banner (a template callback) */
void      _fp_window_on_disk_banner_dismissed (FpWindow *self);
/* The plan's modified state changed: the reload offer says what it costs */
void      _fp_window_disk_news_follow_modified (FpWindow *self);
/* Just after @draft was recovered over the file: if the file changed
 * since the version the draft's changes were made to, the person is told,
 * and Save asks. */
void      _fp_window_check_file_after_draft (FpWindow      *self,
                                             const FpDraft *draft);
/* The window's drafts are changes to the version @draft's were made to,
 * whatever the file is now */
void      _fp_window_keep_draft_base        (FpWindow      *self,
                                             const FpDraft *draft);

/* fp-window-panels.c */
void      _fp_window_panels_init       (FpWindow     *self);
/* A click on a stage in a chart (a template callback) */
void      _fp_window_on_view_stage_activated (GtkWidget *view,
                                              guint      stage,
                                              FpWindow  *self);

/* fp-window-failed-open.c */
/* Back to the plan from the page, if it shows; the caller updates the
 * title and actions. */
void      _fp_window_leave_failed_open (FpWindow     *self);
/* Try Again: opens the file the page is about, or says it still fails */
void      _fp_window_try_again         (FpWindow     *self);

/* fp-window-documents.c */
/* @file's name as the user reads it, "q3.funnel.json" */
char     *_fp_window_display_name      (GFile        *file);
void      _fp_window_documents_init    (FpWindow     *self);
void      _fp_window_documents_dispose (FpWindow     *self);
void      _fp_window_open_dialog       (FpWindow     *self);
/* Opens @file where it makes sense: the window that has it already, this
 * window if it holds nothing worth keeping, or a new one. A file that
 * does not load is said in this window, and opens none. */
void      _fp_window_open              (FpWindow     *self,
                                        GFile        *file);
/* Makes @plan, just read from @file, the window's document. */
void      _fp_window_take_loaded_plan  (FpWindow     *self,
                                        FpPlan       *plan,
                                        GFile        *file);
void      _fp_window_save              (FpWindow     *self);
void      _fp_window_save_as_dialog    (FpWindow     *self);
void      _fp_window_export_dialog     (FpWindow     *self,
                                        const char   *format);
gboolean  _fp_window_confirm_close     (FpWindow     *self);
void      _fp_window_plan_edited       (FpWindow     *self);
/* Writes the draft now instead of after the debounce delay. */
void      _fp_window_flush_draft       (FpWindow     *self);
char     *_fp_window_draft_failure_message (const GError *error);
const char *_fp_window_get_draft_id    (FpWindow     *self);
/* Shows @draft's plan in the window as an edit of its original document
 * (or of a new untitled plan), and takes over the draft. */
gboolean  _fp_window_restore_draft     (FpWindow     *self,
                                        const FpDraft *draft,
                                        GError      **error);

/* fp-window-recent.c */
/* Lists the recent plans in Open Recent: before the main menu opens */
void      _fp_window_recent_update_menu (FpWindow     *self);
/* Opens the recent plan at @uri as Open does */
void      _fp_window_open_recent        (FpWindow     *self,
                                         const char   *uri);

G_END_DECLS
