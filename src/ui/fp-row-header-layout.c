/* fp-row-header-layout.c: a libadwaita row's or preferences group's
 * header laid out without asking its wrapping text how wide it must be at
 * a given height
 *
 * An AdwActionRow's header is a horizontal GtkBox: prefixes, icon, the
 * title and subtitle (labels that wrap), suffixes. To measure its height
 * at a width, and again to allocate it, GTK 4.8's GtkBoxLayout asks each
 * child how wide it must be at a given height. A wrapping GtkLabel answers
 * that with a binary search over text layouts, about twenty of them; the
 * box may ask at several heights. With some forty rows in the two side
 * panels that was 25 to 35 ms of the window's first frame on a 2-core
 * machine (benchmarks/bench-startup.c), and it came back on every resize.
 * An AdwPreferencesGroup's header is a horizontal box too, around a
 * centered box of its title (which ellipsizes) and its description (which
 * wraps), and its suffix if it has one: the projections panel's three
 * descriptions took another 138 text layouts of searches (about 10 ms).
 *
 * This layout places the same children in the same order with the same
 * spacing, and shares the width as GtkBoxLayout does (each child its
 * minimum, then toward its natural width, what is left to the children
 * that expand), but from their widths at no given height, which a label
 * answers from two layouts. The height at a width is the tallest child's
 * at the width it would be given, so measuring and allocating agree.
 * Baselines are not aligned: a row's children are centered. With GTK 4.8
 * that gives the same pixels as GtkBoxLayout for rows whose other children
 * neither wrap nor ellipsize, which is every row it is installed on, and
 * for the header of a group without a suffix or with one as wide at any
 * width (a button), which is every group it is installed on
 * (tests/ui/test-rows.c).
 */
#include "config.h"

#include <adwaita.h>

#include "fp-row-header-layout.h"

struct _FpRowHeaderLayout
{
  GtkLayoutManager parent_instance;

  /* The header's own GtkBoxLayout, asked only for the header's width:
   * that holds its spacing, CSS border-spacing included, for which GTK
   * has no public getter. */
  GtkLayoutManager *box_layout;
  /* The box of the title and subtitle (a group's: title and description),
   * centered here rather than by GTK (see install_on_header()); a weak
   * pointer to the header's child */
  GtkWidget *title_box;
};

G_DEFINE_FINAL_TYPE (FpRowHeaderLayout, fp_row_header_layout, GTK_TYPE_LAYOUT_MANAGER)

/* The gap between two children: the box's natural width, as its own
 * layout measures it, less its children's (those are cached by GTK) */
static int
spacing (FpRowHeaderLayout *self,
         GtkWidget         *widget,
         GArray            *sizes)
{
  int natural = 0;

  if (sizes->len < 2)
    return 0;
  gtk_layout_manager_measure (self->box_layout, widget, GTK_ORIENTATION_HORIZONTAL, -1,
                              NULL, &natural, NULL, NULL);
  for (guint i = 0; i < sizes->len; i++)
    natural -= g_array_index (sizes, GtkRequestedSize, i).natural_size;
  return MAX (0, natural / (int) (sizes->len - 1));
}

/* Turns each child's minimum_size into its width in @width */
static void
share_width (GtkRequestedSize *sizes,
             guint             n,
             int               gap,
             int               width)
{
  int extra = width - gap * (int) (n - 1);
  guint n_expand = 0;
  int per_expand, remainder;

  for (guint i = 0; i < n; i++)
    {
      extra -= sizes[i].minimum_size;
      if (gtk_widget_compute_expand (sizes[i].data, GTK_ORIENTATION_HORIZONTAL))
        n_expand++;
    }
  extra = gtk_distribute_natural_allocation (MAX (0, extra), n, sizes);
  if (n_expand == 0)
    return;
  per_expand = extra / (int) n_expand;
  remainder = extra % (int) n_expand;
  for (guint i = 0; i < n; i++)
    if (gtk_widget_compute_expand (sizes[i].data, GTK_ORIENTATION_HORIZONTAL))
      {
        sizes[i].minimum_size += per_expand + (remainder > 0 ? 1 : 0);
        remainder--;
      }
}

/* The placed children (GtkRequestedSize), each with its width in @width
 * as its minimum_size, from the widths they ask at no given height; @gap,
 * unless NULL, gets the space between two */
static GArray *
share_among_children (FpRowHeaderLayout *self,
                      GtkWidget         *widget,
                      int                width,
                      int               *gap)
{
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (GtkRequestedSize));
  int space;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRequestedSize size = { child, 0, 0 };

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &size.minimum_size, &size.natural_size, NULL, NULL);
      g_array_append_val (sizes, size);
    }
  space = spacing (self, widget, sizes);
  if (sizes->len > 0)
    share_width ((GtkRequestedSize *) sizes->data, sizes->len, space, width);
  if (gap != NULL)
    *gap = space;
  return sizes;
}

static GtkSizeRequestMode
fp_row_header_layout_get_request_mode (GtkLayoutManager *manager,
                                       GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fp_row_header_layout_measure (GtkLayoutManager *manager,
                              GtkWidget        *widget,
                              GtkOrientation    orientation,
                              int               for_size,
                              int              *minimum,
                              int              *natural,
                              int              *minimum_baseline,
                              int              *natural_baseline)
{
  FpRowHeaderLayout *self = FP_ROW_HEADER_LAYOUT (manager);
  g_autoptr(GArray) sizes = NULL;

  *minimum = *natural = 0;
  /* A header is as wide at any height: its title wraps to its width, not
   * the other way round. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_layout_manager_measure (self->box_layout, widget, orientation, -1,
                                  minimum, natural, NULL, NULL);
      return;
    }
  sizes = share_among_children (self, widget, MAX (for_size, 0), NULL);
  /* At no width given, each child's height at no width */
  for (guint i = 0; i < sizes->len; i++)
    {
      const GtkRequestedSize *size = &g_array_index (sizes, GtkRequestedSize, i);
      int child_minimum, child_natural;

      gtk_widget_measure (size->data, GTK_ORIENTATION_VERTICAL,
                          for_size >= 0 ? size->minimum_size : -1,
                          &child_minimum, &child_natural, NULL, NULL);
      *minimum = MAX (*minimum, child_minimum);
      *natural = MAX (*natural, child_natural);
    }
}

static void
fp_row_header_layout_allocate (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               int               width,
                               int               height,
                               int               baseline)
{
  FpRowHeaderLayout *self = FP_ROW_HEADER_LAYOUT (manager);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int gap, x = 0;
  g_autoptr(GArray) sizes = share_among_children (self, widget, width, &gap);

  for (guint i = 0; i < sizes->len; i++)
    {
      const GtkRequestedSize *size = &g_array_index (sizes, GtkRequestedSize, i);
      int child_width = size->minimum_size;
      GtkAllocation allocation = { rtl ? width - x - child_width : x, 0, child_width, height };

      /* As GTK centers a child of valign center */
      if (size->data == self->title_box)
        {
          int natural;

          gtk_widget_measure (self->title_box, GTK_ORIENTATION_VERTICAL, child_width,
                              NULL, &natural, NULL, NULL);
          if (height > natural)
            {
              allocation.y = (height - natural) / 2;
              allocation.height = natural;
            }
        }
      gtk_widget_size_allocate (size->data, &allocation, -1);
      x += child_width + gap;
    }
}

static void
fp_row_header_layout_dispose (GObject *object)
{
  FpRowHeaderLayout *self = FP_ROW_HEADER_LAYOUT (object);

  g_clear_object (&self->box_layout);
  g_clear_weak_pointer (&self->title_box);
  G_OBJECT_CLASS (fp_row_header_layout_parent_class)->dispose (object);
}

static void
fp_row_header_layout_class_init (FpRowHeaderLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->dispose = fp_row_header_layout_dispose;
  layout_class->get_request_mode = fp_row_header_layout_get_request_mode;
  layout_class->measure = fp_row_header_layout_measure;
  layout_class->allocate = fp_row_header_layout_allocate;
}

static void
fp_row_header_layout_init (FpRowHeaderLayout *self)
{
}

/* @header is an action row's or a group's box.header; left alone unless
 * it still has the horizontal GtkBoxLayout it was built with. GtkBox's own
 * spacing, homogeneous and baseline accessors expect that layout and emit
 * criticals on this one: neither libadwaita nor this app calls them on a
 * header. */
static void
install_on_header (GtkWidget *header)
{
  GtkLayoutManager *box_layout = gtk_widget_get_layout_manager (header);
  FpRowHeaderLayout *layout;

  if (!GTK_IS_BOX_LAYOUT (box_layout) ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (box_layout)) != GTK_ORIENTATION_HORIZONTAL)
    return;
  layout = g_object_new (FP_TYPE_ROW_HEADER_LAYOUT, NULL);
  layout->box_layout = g_object_ref (box_layout);
  /* GTK centers a child of valign center that wraps by asking how wide it
   * must be at the height it is given (gtk_widget_allocate()): the search
   * again. The layout centers the title itself. */
  for (GtkWidget *child = gtk_widget_get_first_child (header);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child) && gtk_widget_get_valign (child) == GTK_ALIGN_CENTER &&
        (gtk_widget_has_css_class (child, "title") ||    /* a row's */
         gtk_widget_has_css_class (child, "labels")))    /* a group's */
      {
        g_set_weak_pointer (&layout->title_box, child);
        gtk_widget_set_valign (child, GTK_ALIGN_FILL);
      }
  gtk_widget_set_layout_manager (header, GTK_LAYOUT_MANAGER (layout));
}

void
fp_row_header_layout_install (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  /* A combo row's value is a label that ellipsizes: there the box's
   * search keeps the title on one line and shortens the value, where this
   * layout would wrap the title. Combo rows keep the box. */
  if (ADW_IS_COMBO_ROW (root))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* An entry row's header is built otherwise, and its title does not
       * wrap. */
      if (ADW_IS_ACTION_ROW (root) && GTK_IS_BOX (child) && gtk_widget_has_css_class (child, "header"))
        install_on_header (child);
      else
        fp_row_header_layout_install (child);
    }
}

void
fp_row_header_layout_install_on_group (AdwPreferencesGroup *group)
{
  GtkWidget *box;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  /* A group is no row, and its header is not its child: install() walks
   * rows and would not find it. In libadwaita 1.2 the group's one child is
   * a vertical box of the header and the box of the rows. */
  box = gtk_widget_get_first_child (GTK_WIDGET (group));
  for (GtkWidget *child = box != NULL ? gtk_widget_get_first_child (box) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, "header"))
      install_on_header (child);
}
