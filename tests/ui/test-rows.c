/* test-rows.c: the side panels' rows, laid out by FpRowHeaderLayout
 *
 * Runs under Xvfb (the "ui" suite): the rows take libadwaita's style, and
 * their text is measured with the display's fonts. Each row is laid out
 * twice, once as libadwaita builds it (GtkBoxLayout) and once with its
 * header's layout replaced, and the two must agree; the replaced one must
 * do so without asking a wrapping label for more than the width it gets.
 */

#include "config.h"

#include <adwaita.h>

#include "fp-projections-panel.h"
#include "fp-row-header-layout.h"
#include "fp-widget-find.h"

/* A wrapping label that remembers what it was asked: a measure that GTK
 * answered from its cache does not reach it. */
#define TEST_TYPE_COUNTING_LABEL (test_counting_label_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingLabel, test_counting_label, TEST, COUNTING_LABEL, GtkWidget)

struct _TestCountingLabel
{
  GtkWidget parent_instance;
  GtkWidget *label;
  guint n_widths_at_height;  /* horizontal, for a given height */
  GArray *heights_asked_at;  /* the widths a height was asked at */
};

G_DEFINE_FINAL_TYPE (TestCountingLabel, test_counting_label, GTK_TYPE_WIDGET)

static void
test_counting_label_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  TestCountingLabel *self = TEST_COUNTING_LABEL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL && for_size >= 0)
    self->n_widths_at_height++;
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    g_array_append_val (self->heights_asked_at, for_size);
  gtk_widget_measure (self->label, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
test_counting_label_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  gtk_widget_allocate (TEST_COUNTING_LABEL (widget)->label, width, height, baseline, NULL);
}

static GtkSizeRequestMode
test_counting_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
test_counting_label_dispose (GObject *object)
{
  TestCountingLabel *self = TEST_COUNTING_LABEL (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_pointer (&self->heights_asked_at, g_array_unref);
  G_OBJECT_CLASS (test_counting_label_parent_class)->dispose (object);
}

static void
test_counting_label_class_init (TestCountingLabelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = test_counting_label_dispose;
  widget_class->measure = test_counting_label_measure;
  widget_class->size_allocate = test_counting_label_size_allocate;
  widget_class->get_request_mode = test_counting_label_get_request_mode;
}

static void
test_counting_label_init (TestCountingLabel *self)
{
  self->label = gtk_label_new ("Marketing qualified leads a month, the number marketing "
                               "hands over to sales under the agreement");
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  self->heights_asked_at = g_array_new (FALSE, FALSE, sizeof (int));
}

typedef enum
{
  ROW_TITLE,            /* a short title alone */
  ROW_VALUE,            /* a title, a subtitle and a figure: the projections panel */
  ROW_LONG_VALUE,       /* titles that wrap, and a wide figure */
  ROW_ICON_WARNING,     /* an icon before a long title: the warnings */
  ROW_SPIN,             /* a spin button after the title: the plan panel */
  ROW_N_KINDS
} RowKind;

static GtkWidget *
make_row (RowKind kind)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *value;

  switch (kind)
    {
    case ROW_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Deals required");
      break;
    case ROW_VALUE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Marketing qualified");
      adw_action_row_set_subtitle (row, "Handoff (SLA) · costs USD 5,333");
      adw_action_row_add_suffix (row, gtk_label_new ("534"));
      break;
    case ROW_LONG_VALUE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     "Marketing qualified per month, the number of the agreement");
      adw_action_row_set_subtitle (row, "The SLA number: handoff volume per month, "
                                        "rounded up in every month of the period");
      adw_action_row_add_suffix (row, gtk_label_new ("987,654,321,098,765"));
      break;
    case ROW_ICON_WARNING:
      adw_action_row_add_prefix (row, gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     "Sales accepted converts 60% to the next stage, above "
                                     "the 30% to 50% that companies like this one reach");
      break;
    case ROW_SPIN:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Conversion to the next stage");
      adw_action_row_set_subtitle (row, "In percent");
      value = gtk_spin_button_new_with_range (0.01, 100, 0.5);
      gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (row, value);
      break;
    case ROW_N_KINDS:
    default:
      g_assert_not_reached ();
    }
  return GTK_WIDGET (row);
}

/* A window to give the rows libadwaita's style; never shown. Destroy it
 * with gtk_window_destroy(). */
static GtkWidget *
rows_window (GtkWidget **box)
{
  GtkWidget *window = gtk_window_new ();

  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child (GTK_WINDOW (window), *box);
  return window;
}

static GtkWidget *
header_of (GtkWidget *row)
{
  GtkWidget *header = fp_widget_find_descendant (row, GTK_TYPE_BOX, "header");

  g_assert_nonnull (header);
  return header;
}

/* Appends where each visible child of @parent lands, relative to @widget,
 * to @bounds, counted in *@n */
static void
append_child_bounds (GtkWidget       *widget,
                     GtkWidget       *parent,
                     graphene_rect_t *bounds,
                     guint            n_bounds,
                     guint           *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      {
        g_assert_cmpuint (*n, <, n_bounds);
        g_assert_true (gtk_widget_compute_bounds (child, widget, &bounds[(*n)++]));
      }
}

/* Where each of the header's children lands, relative to the row */
static void
child_bounds (GtkWidget       *row,
              graphene_rect_t *bounds,
              guint            n_bounds,
              guint           *n_out)
{
  *n_out = 0;
  append_child_bounds (row, header_of (row), bounds, n_bounds, n_out);
}

typedef void (*BoundsFunc) (GtkWidget       *widget,
                            graphene_rect_t *bounds,
                            guint            n_bounds,
                            guint           *n_out);

/* Measures @reference and @widget and allocates them at @width, and
 * asserts that they ask for the same sizes and that what @bounds_of finds
 * in each lands in the same places; FALSE, with nothing compared beyond
 * the minimum width, when @width is below it. *@n_placed is how many
 * places were compared. */
static gboolean
assert_laid_out_alike (GtkWidget  *reference,
                       GtkWidget  *widget,
                       int         width,
                       BoundsFunc  bounds_of,
                       guint      *n_placed)
{
  int ref_min, ref_nat, min, nat, ref_wmin, wmin;
  graphene_rect_t ref_bounds[8], bounds[8];
  guint n_ref, n;

  gtk_widget_measure (reference, GTK_ORIENTATION_HORIZONTAL, -1, &ref_wmin, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &wmin, NULL, NULL, NULL);
  g_assert_cmpint (wmin, ==, ref_wmin);
  if (width < ref_wmin)
    return FALSE;

  gtk_widget_measure (reference, GTK_ORIENTATION_VERTICAL, width, &ref_min, &ref_nat, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, ref_min);
  g_assert_cmpint (nat, ==, ref_nat);

  gtk_widget_size_allocate (reference, &(GtkAllocation) { 0, 0, width, ref_nat }, -1);
  gtk_widget_size_allocate (widget, &(GtkAllocation) { 0, 0, width, nat }, -1);
  bounds_of (reference, ref_bounds, G_N_ELEMENTS (ref_bounds), &n_ref);
  bounds_of (widget, bounds, G_N_ELEMENTS (bounds), &n);
  g_assert_cmpuint (n, ==, n_ref);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (bounds[i].origin.x, ==, ref_bounds[i].origin.x);
      g_assert_cmpfloat (bounds[i].origin.y, ==, ref_bounds[i].origin.y);
      g_assert_cmpfloat (bounds[i].size.width, ==, ref_bounds[i].size.width);
      g_assert_cmpfloat (bounds[i].size.height, ==, ref_bounds[i].size.height);
    }
  *n_placed = n;
  return TRUE;
}

/* The layout follows GTK 4.8's GtkBoxLayout, the one of Debian 12 that
 * the tests run with; a later GTK may share the width otherwise. */
static void
test_same_as_box (void)
{
  static const int widths[] = { 160, 220, 300, 340, 576, 900 };
  GtkWidget *box;
  GtkWidget *window;

  if (gtk_get_major_version () != 4 || gtk_get_minor_version () != 8)
    {
      g_test_skip ("compares with GTK 4.8's GtkBoxLayout");
      return;
    }
  window = rows_window (&box);
  for (GtkTextDirection direction = GTK_TEXT_DIR_LTR; direction <= GTK_TEXT_DIR_RTL; direction++)
    for (RowKind kind = 0; kind < ROW_N_KINDS; kind++)
      {
        GtkWidget *reference;
        GtkWidget *row;

        /* As a right-to-left language sets it: a direction set on the row
         * alone does not reach the widgets inside it */
        gtk_widget_set_default_direction (direction);
        reference = make_row (kind);
        row = make_row (kind);
        gtk_box_append (GTK_BOX (box), reference);
        gtk_box_append (GTK_BOX (box), row);
        fp_row_header_layout_install (row);
        g_assert_cmpint (gtk_widget_get_direction (header_of (row)), ==, direction);
        g_assert_true (FP_IS_ROW_HEADER_LAYOUT (gtk_widget_get_layout_manager (header_of (row))));
        g_assert_true (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (header_of (reference))));

        for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
          {
            guint n;

            g_test_message ("kind %d, direction %d, width %d", kind, direction, widths[w]);
            assert_laid_out_alike (reference, row, widths[w], child_bounds, &n);
          }
        gtk_box_remove (GTK_BOX (box), reference);
        gtk_box_remove (GTK_BOX (box), row);
      }
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The point of the layout: a label that wraps in the title is asked its
 * height at the width it gets, and not its width at any height. */
static void
test_no_search (void)
{
  GtkWidget *box;
  GtkWidget *window = rows_window (&box);
  GtkWidget *row = make_row (ROW_VALUE);
  TestCountingLabel *label = g_object_new (TEST_TYPE_COUNTING_LABEL, NULL);
  GtkWidget *title_box;
  graphene_rect_t bounds;
  int natural;

  fp_row_header_layout_install (row);
  title_box = fp_widget_find_descendant (row, GTK_TYPE_BOX, "title");
  g_assert_nonnull (title_box);
  gtk_box_append (GTK_BOX (title_box), GTK_WIDGET (label));
  gtk_box_append (GTK_BOX (box), row);

  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, 300, NULL, &natural, NULL, NULL);
  gtk_widget_size_allocate (row, &(GtkAllocation) { 0, 0, 300, natural }, -1);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), row, &bounds));

  g_assert_cmpuint (label->n_widths_at_height, ==, 0);
  g_assert_cmpuint (label->heights_asked_at->len, >=, 1);
  for (guint i = 0; i < label->heights_asked_at->len; i++)
    g_assert_cmpint (g_array_index (label->heights_asked_at, int, i), ==, (int) bounds.size.width);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every action row in what is passed (an expander's own header and the
 * rows in it) gets the layout, once; an entry row and a combo row keep
 * their own. */
static void
test_install (void)
{
  g_autoptr(GtkWidget) expander = g_object_ref_sink (adw_expander_row_new ());
  GtkWidget *inner = make_row (ROW_SPIN);
  GtkWidget *entry = adw_entry_row_new ();
  GtkWidget *combo = adw_combo_row_new ();
  GtkWidget *expander_row, *inner_header;
  GtkLayoutManager *layout;

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), inner);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), entry);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), combo);
  fp_row_header_layout_install (expander);

  expander_row = fp_widget_find_descendant (expander, ADW_TYPE_ACTION_ROW, NULL);
  g_assert_nonnull (expander_row);
  g_assert_true (FP_IS_ROW_HEADER_LAYOUT (gtk_widget_get_layout_manager (header_of (expander_row))));
  inner_header = header_of (inner);
  layout = gtk_widget_get_layout_manager (inner_header);
  g_assert_true (FP_IS_ROW_HEADER_LAYOUT (layout));
  g_assert_true (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (header_of (entry))));
  g_assert_true (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (header_of (combo))));

  /* A second call leaves a replaced header as it is */
  fp_row_header_layout_install (expander);
  g_assert_true (gtk_widget_get_layout_manager (inner_header) == layout);
}

typedef enum
{
  GROUP_DESCRIBED,          /* a title and a description that wraps */
  GROUP_TITLE_ONLY,         /* a title alone: libadwaita's single-line header */
  GROUP_WITH_SUFFIX,        /* and a button beside them */
  GROUP_DESCRIBED_LATER,    /* the description set after the install (Sensitivity) */
  GROUP_DESCRIPTION_GONE,   /* the description taken away after the install */
  GROUP_N_KINDS
} GroupKind;

#define GROUP_DESCRIPTION "Projected revenue within the period after a 10% better " \
                          "conversion at each stage, from its first day"

/* A group as the projections panel builds one; with @install, its header
 * laid out by FpRowHeaderLayout, installed where @kind says */
static GtkWidget *
make_group (GroupKind kind,
            gboolean  install)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, "Sensitivity");
  if (kind == GROUP_DESCRIBED || kind == GROUP_WITH_SUFFIX || kind == GROUP_DESCRIPTION_GONE)
    adw_preferences_group_set_description (group, GROUP_DESCRIPTION);
  if (kind == GROUP_WITH_SUFFIX)
    {
      GtkWidget *button = gtk_button_new_with_label ("N:1");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      adw_preferences_group_set_header_suffix (group, button);
    }
  if (install)
    fp_row_header_layout_install_on_group (group);
  if (kind == GROUP_DESCRIBED_LATER)
    adw_preferences_group_set_description (group, GROUP_DESCRIPTION);
  if (kind == GROUP_DESCRIPTION_GONE)
    adw_preferences_group_set_description (group, NULL);
  return GTK_WIDGET (group);
}

/* The group's own header: in libadwaita 1.2 a grandchild of the group,
 * before the rows (whose headers are box.header too) */
static GtkWidget *
group_header_of (GtkWidget *group)
{
  GtkWidget *header = header_of (group);

  g_assert_true (gtk_widget_get_parent (gtk_widget_get_parent (header)) == group);
  return header;
}

/* Where each child of a group's header lands, and each label in its box
 * of labels, relative to the group */
static void
group_header_bounds (GtkWidget       *group,
                     graphene_rect_t *bounds,
                     guint            n_bounds,
                     guint           *n_out)
{
  GtkWidget *labels = fp_widget_find_descendant (group, GTK_TYPE_BOX, "labels");

  g_assert_nonnull (labels);
  *n_out = 0;
  append_child_bounds (group, group_header_of (group), bounds, n_bounds, n_out);
  append_child_bounds (group, labels, bounds, n_bounds, n_out);
}

static void
test_group_same_as_box (void)
{
  static const int widths[] = { 160, 220, 300, 320, 576, 900 };
  /* What is placed, by kind: the box of labels (and the suffix), the
   * title (and the description) */
  static const guint n_placed[GROUP_N_KINDS] = { 3, 2, 4, 3, 2 };
  GtkWidget *box;
  GtkWidget *window;

  if (gtk_get_major_version () != 4 || gtk_get_minor_version () != 8)
    {
      g_test_skip ("compares with GTK 4.8's GtkBoxLayout");
      return;
    }
  window = rows_window (&box);
  for (GtkTextDirection direction = GTK_TEXT_DIR_LTR; direction <= GTK_TEXT_DIR_RTL; direction++)
    for (GroupKind kind = 0; kind < GROUP_N_KINDS; kind++)
      {
        GtkWidget *reference;
        GtkWidget *group;

        gtk_widget_set_default_direction (direction);
        reference = make_group (kind, FALSE);
        group = make_group (kind, TRUE);
        gtk_box_append (GTK_BOX (box), reference);
        gtk_box_append (GTK_BOX (box), group);
        g_assert_true (FP_IS_ROW_HEADER_LAYOUT (gtk_widget_get_layout_manager (group_header_of (group))));
        g_assert_true (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (group_header_of (reference))));

        for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
          {
            guint n;

            g_test_message ("group kind %d, direction %d, width %d", kind, direction, widths[w]);
            if (assert_laid_out_alike (reference, group, widths[w], group_header_bounds, &n))
              g_assert_cmpuint (n, ==, n_placed[kind]);
          }
        gtk_box_remove (GTK_BOX (box), reference);
        gtk_box_remove (GTK_BOX (box), group);
      }
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A group's description is asked its height at the width it gets, and
 * not its width at any height; a second install keeps the layout. */
static void
test_group_no_search (void)
{
  GtkWidget *box;
  GtkWidget *window = rows_window (&box);
  GtkWidget *group = make_group (GROUP_WITH_SUFFIX, TRUE);
  TestCountingLabel *label = g_object_new (TEST_TYPE_COUNTING_LABEL, NULL);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (group_header_of (group));
  GtkWidget *labels;
  graphene_rect_t bounds;
  int natural;

  g_assert_true (FP_IS_ROW_HEADER_LAYOUT (layout));
  fp_row_header_layout_install_on_group (ADW_PREFERENCES_GROUP (group));
  g_assert_true (gtk_widget_get_layout_manager (group_header_of (group)) == layout);

  labels = fp_widget_find_descendant (group, GTK_TYPE_BOX, "labels");
  g_assert_nonnull (labels);
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (label));
  gtk_box_append (GTK_BOX (box), group);

  gtk_widget_measure (group, GTK_ORIENTATION_VERTICAL, 300, NULL, &natural, NULL, NULL);
  gtk_widget_size_allocate (group, &(GtkAllocation) { 0, 0, 300, natural }, -1);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), group, &bounds));

  g_assert_cmpuint (label->n_widths_at_height, ==, 0);
  g_assert_cmpuint (label->heights_asked_at->len, >=, 1);
  for (guint i = 0; i < label->heights_asked_at->len; i++)
    g_assert_cmpint (g_array_index (label->heights_asked_at, int, i), ==, (int) bounds.size.width);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_group_headers (GtkWidget *widget,
                     guint     *n_groups,
                     guint     *n_laid_out)
{
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      (*n_groups)++;
      if (FP_IS_ROW_HEADER_LAYOUT (gtk_widget_get_layout_manager (group_header_of (widget))))
        (*n_laid_out)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_group_headers (child, n_groups, n_laid_out);
}

/* Every group of the projections panel (Required Volume, Forecast and
 * Sensitivity have a description; the last gets it with a plan) */
static void
test_group_install_in_panel (void)
{
  g_autoptr(GtkWidget) panel = g_object_ref_sink (fp_projections_panel_new ());
  guint n_groups = 0, n_laid_out = 0;

  count_group_headers (panel, &n_groups, &n_laid_out);
  g_assert_cmpuint (n_groups, >=, 3);
  g_assert_cmpuint (n_laid_out, ==, n_groups);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/rows/header/same-as-box", test_same_as_box);
  g_test_add_func ("/rows/header/no-search", test_no_search);
  g_test_add_func ("/rows/header/install", test_install);
  g_test_add_func ("/rows/group-header/same-as-box", test_group_same_as_box);
  g_test_add_func ("/rows/group-header/no-search", test_group_no_search);
  g_test_add_func ("/rows/group-header/in-projections-panel", test_group_install_in_panel);

  return g_test_run ();
}
