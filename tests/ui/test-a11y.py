#!/usr/bin/python3
# test-a11y.py: what a screen-reader user hears of the window
#
# Starts the real application on the sample plan under the UI suite's Xvfb
# and private D-Bus session, reads its accessible tree over AT-SPI (as Orca
# does) and asserts that it names every stage, shows the rounded-up required
# counts and the coverage with its shortfall; then moves a conversion handle
# with the keyboard (xdotool) and checks that what is heard follows.
#
# Run with the system Python, which has the pyatspi bindings:
#   xvfb-run -a dbus-run-session -- meson test -C build --suite ui test-a11y
# Exit status 77 (skipped) without a display or without pyatspi.

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
# pyatspi's, set by main() once it has imported it (it may be missing)
RELATION_DESCRIBED_BY = None
RELATION_LABELLED_BY = None
# The sample's title, read by main()
SAMPLE_TITLE = None

# The sample's stages, required counts rounded up, and coverage (C locale)
SAMPLE = 'q3-demand-plan.funnel.json'
REQUIRED = ['2,667', '534', '267', '160', '40']
COVERAGE_REQUIRED = '4.0x'
COVERAGE_PLANNED = '3.8x'
SHORTFALL = re.compile(r'^Short by 0\.2x\b')
# The timeline's month grid as a screen reader hears it: the first stage's
# slider with the focus, and the end of the view's name (the closed deals'
# months)
TIMELINE_LEADS = ('14 days, entering 76 days before the close; needed per month: '
                  'April 2027 404, May 2027 834, June 2027 897, July 2027 534')
TIMELINE_DEALS = 'Closed deals needed per month: July 2027 13, August 2027 13, September 2027 15'


def log(*args):
    print('#', *args, flush=True)


def fail(message, found=None):
    print('not ok - ' + message, flush=True)
    if found is not None:
        print('# What the accessible tree says:')
        for line in found:
            print('#   ' + line)
    raise SystemExit(1)


def poll(func, timeout=20.0, interval=0.2):
    """Calls func until it returns something true, or None after timeout."""
    end = time.monotonic() + timeout
    while True:
        try:
            value = func()
        except Exception:  # the tree changes under us: try again
            value = None
        if value:
            return value
        if time.monotonic() > end:
            return None
        time.sleep(interval)


class Node:
    """One accessible, read once: what a screen reader gets of it."""

    def __init__(self, acc, depth, path):
        self.acc = acc
        self.depth = depth
        self.path = path
        self.role = acc.getRoleName()
        self.name = acc.name or ''
        self.description = acc.description or ''
        self.text = ''
        try:
            text = acc.queryText()
            self.text = text.getText(0, -1) or ''
        except NotImplementedError:
            pass
        # What a screen reader reads after the name: the names of the
        # objects that describe this one (Orca reads no child of a named
        # list row)
        self.described_by = []
        # and the names of those that label it, which Orca reads before
        # its own ("GtkImage Remove Stage")
        self.labelled_by = []
        for relation in acc.getRelationSet():
            targets = [relation.getTarget(i).name or ''
                       for i in range(relation.getNTargets())]
            if relation.getRelationType() == RELATION_DESCRIBED_BY:
                self.described_by += targets
            elif relation.getRelationType() == RELATION_LABELLED_BY:
                self.labelled_by += targets

    def strings(self):
        return [s for s in (self.name, self.description, self.text) if s]

    def __str__(self):
        parts = [self.role]
        if self.name:
            parts.append('name=%r' % self.name)
        if self.description:
            parts.append('description=%r' % self.description)
        if self.text and self.text != self.name:
            parts.append('text=%r' % self.text)
        if self.described_by:
            parts.append('described-by=%r' % self.described_by)
        return '  ' * self.depth + ' '.join(parts)


def walk(acc, depth=0, path=()):
    nodes = []
    try:
        node = Node(acc, depth, path)
    except Exception:  # gone meanwhile
        return nodes
    nodes.append(node)
    try:
        children = list(acc)
    except Exception:
        return nodes
    for i, child in enumerate(children):
        if child is not None:
            nodes.extend(walk(child, depth + 1, path + (i,)))
    return nodes


def subtree(nodes, top):
    """The nodes under top (a Node of nodes), top included."""
    start = nodes.index(top)
    result = [top]
    for node in nodes[start + 1:]:
        if node.depth <= top.depth:
            break
        result.append(node)
    return result


def find_app(pyatspi, pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            pass
        if app.name in ('funnel-planner', 'io.github.funnelplanner.FunnelPlanner'):
            return app
    return None


def xdotool(*args):
    subprocess.run(['xdotool'] + list(args), check=True, timeout=30,
                   stdout=subprocess.PIPE)


def main():
    if not os.environ.get('DISPLAY'):
        log('skip: no display')
        return SKIP
    try:
        import pyatspi
    except ImportError:
        log('skip: no pyatspi (python3-pyatspi) for', sys.executable)
        return SKIP
    global RELATION_DESCRIBED_BY, RELATION_LABELLED_BY
    RELATION_DESCRIBED_BY = pyatspi.RELATION_DESCRIBED_BY
    RELATION_LABELLED_BY = pyatspi.RELATION_LABELLED_BY

    executable = os.environ.get('FP_EXECUTABLE')
    root = os.environ.get('FP_SOURCE_ROOT')
    if not executable or not root:
        fail('FP_EXECUTABLE and FP_SOURCE_ROOT are set by tests/ui/meson.build')
    sample = os.path.join(root, 'data', 'samples', SAMPLE)
    global SAMPLE_TITLE
    with open(sample, encoding='utf-8') as f:
        document = json.load(f)
    stages = [stage['name'] for stage in document['stages']]
    SAMPLE_TITLE = document['title']
    if len(stages) != len(REQUIRED):
        fail('the sample has %d stages, the test expects %d' % (len(stages), len(REQUIRED)))

    # Start the registry before the app, so that its bridge finds the bus.
    pyatspi.Registry.getDesktop(0)

    home = tempfile.mkdtemp(prefix='fp-a11y-')
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    if env.get('GTK_A11Y') == 'none':
        del env['GTK_A11Y']
    env.setdefault('GSETTINGS_BACKEND', 'memory')
    env.setdefault('LC_ALL', 'C.UTF-8')
    # Drafts and recent files go to a folder of the test's own.
    for name in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        env[name] = os.path.join(home, name.lower())
    app_process = subprocess.Popen([executable, sample], env=env)

    try:
        return run(pyatspi, app_process, stages, lambda *files: subprocess.run(
            [executable, *files], env=env, timeout=30), home)
    finally:
        if app_process.poll() is None:
            app_process.send_signal(signal.SIGTERM)
            try:
                app_process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app_process.kill()
                app_process.wait()
        shutil.rmtree(home, ignore_errors=True)


def run(pyatspi, app_process, stages, open_files, home):
    n = len(stages)

    app = poll(lambda: app_process.poll() is None and find_app(pyatspi, app_process.pid),
               timeout=30)
    if not app:
        fail('funnel-planner (pid %d) never showed up on the AT-SPI bus%s'
             % (app_process.pid, '' if app_process.poll() is None
                else ', it exited with %d' % app_process.returncode))
    log('found the application:', app.name)

    # Wait for the window's content: the funnel's sliders and the
    # projections' rows are built once the plan is loaded.
    def tree_ready():
        nodes = walk(app)
        sliders = [node for node in nodes if node.role == 'slider']
        rows = {node.name for node in nodes if node.role == 'list item'}
        if len(sliders) >= n - 1 and stages[-1] in rows and 'Coverage planned' in rows:
            return nodes
        return None

    nodes = poll(tree_ready, timeout=30)
    if not nodes:
        fail('the window never showed the sample plan',
             [str(node) for node in walk(app)])
    dump = [str(node) for node in nodes]
    heard = [s for node in nodes for s in node.strings()]
    log('%d accessibles, %d strings' % (len(nodes), len(heard)))

    # 1. Every stage is named: a slider "<stage> conversion" for each handle
    #    of the funnel, and a row of the required volumes for each stage.
    problems = []
    for i, stage in enumerate(stages):
        if i + 1 < n:
            want = '%s conversion' % stage
            if not any(node.role == 'slider' and node.name == want for node in nodes):
                problems.append('no slider named "%s"' % want)
        if not any(node.name == stage for node in nodes if node.role != 'slider'):
            problems.append('the stage "%s" has no row of its own' % stage)
        elif not any(stage in s for s in heard):
            problems.append('the stage "%s" is not heard at all' % stage)
    if problems:
        fail('; '.join(problems), dump)
    log('every stage is named:', ', '.join(stages))

    # 2. The required counts, rounded up, as text of their own and beside the
    #    stage they belong to (the row "Leads" says "2,667").
    for stage, count in zip(stages, REQUIRED):
        rows = [node for node in nodes if node.role == 'list item' and node.name == stage]
        if not rows:
            fail('no list row for the stage "%s"' % stage, dump)
        in_row = [s for row in rows for node in subtree(nodes, row) for s in node.strings()]
        if count not in in_row:
            fail('the row of "%s" does not say %s (it says %r)' % (stage, count, in_row), dump)
        # and the row says it when it takes the focus, as its description
        described = [s for row in rows for s in row.described_by]
        if count not in described:
            fail('the row of "%s" is not described by %s: a screen reader reads %r after its name'
                 % (stage, count, described), dump)
        summary = '%s, %s required' % (stage, count)
        if not any(summary in s for s in heard):
            fail('the funnel does not say "%s"' % summary, dump)
    log('required counts:', ', '.join(REQUIRED))

    # 3. Coverage required and planned, with the shortfall said in words and
    #    marked (an image named "Shortfall").
    def row_strings(name):
        rows = [node for node in nodes if node.role == 'list item' and node.name == name]
        return [s for row in rows for node in subtree(nodes, row) for s in node.strings()]

    required_row = row_strings('Coverage required')
    planned_row = row_strings('Coverage planned')
    for name, figure in (('Coverage required', COVERAGE_REQUIRED),
                         ('Coverage planned', COVERAGE_PLANNED)):
        described = [s for node in nodes if node.role == 'list item' and node.name == name
                     for s in node.described_by]
        if figure not in described:
            fail('"%s" is not described by %s: a screen reader reads %r after its name'
                 % (name, figure, described), dump)
    if COVERAGE_REQUIRED not in required_row:
        fail('"Coverage required" does not say %s: %r' % (COVERAGE_REQUIRED, required_row), dump)
    if COVERAGE_PLANNED not in planned_row:
        fail('"Coverage planned" does not say %s: %r' % (COVERAGE_PLANNED, planned_row), dump)
    if not any(SHORTFALL.search(s) for s in planned_row):
        fail('"Coverage planned" does not say the shortfall: %r' % planned_row, dump)
    if 'Shortfall' not in planned_row:
        fail('"Coverage planned" has no shortfall marker: %r' % planned_row, dump)
    log('coverage: %s required, %s planned, %s' % (
        COVERAGE_REQUIRED, COVERAGE_PLANNED,
        next(s for s in planned_row if SHORTFALL.search(s))))

    # Every control has a name a person would say: not a widget class
    #    ("GtkImage" for an icon button) and not its label twice ("Months
    #    Months", "_Open Open"), which GTK 4.8 produces when a widget has an
    #    accessible label and is also labelled by another widget.
    controls = [node for node in nodes
                if node.role in ('push button', 'toggle button', 'spin button', 'slider',
                                 'check box', 'combo box')]
    misnamed = []
    for node in controls:
        words = node.name.split()
        half = len(words) // 2
        if (not node.name or node.name.startswith('Gtk') or '_' in node.name
                or (len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:])):
            misnamed.append('%s %r' % (node.role, node.name))
        misnamed += ['%s %r labelled by %r' % (node.role, node.name, label)
                     for label in node.labelled_by if label.startswith('Gtk')]
    if misnamed:
        fail('controls a screen reader cannot name: ' + ', '.join(sorted(set(misnamed))), dump)
    log('%d controls, all named' % len(controls))

    # No row of a list that selects nothing ends with "not selected", as
    #    Orca read every projection and every stage while they were
    #    selectable.
    rows = [node for node in nodes if node.role == 'list item']
    selectable = [node.name for node in rows
                  if node.acc.getState().contains(pyatspi.STATE_SELECTABLE)]
    if selectable:
        fail('rows a screen reader calls "not selected": %r' % selectable, dump)
    log('%d rows, none selectable' % len(rows))

    # 4. A slider moved with the keyboard says its new value, and the
    #    projections follow.
    if shutil.which('xdotool') is None:
        log('skip the keyboard part: xdotool is not installed')
        print('ok - the accessible tree (keyboard part skipped)')
        return 0
    windows = poll(lambda: subprocess.run(
        ['xdotool', 'search', '--onlyvisible', '--pid', str(app_process.pid)],
        stdout=subprocess.PIPE, text=True).stdout.split(), timeout=20)
    if not windows:
        fail('xdotool finds no window of pid %d' % app_process.pid)
    xdotool('windowfocus', '--sync', windows[0])

    # The timeline's month grid, heard: the duration slider with the focus
    #    says its stage's months after its value, and the view names the
    #    closed deals' months (a stage with no slider).
    xdotool('key', 'alt+2')
    leads_days = '%s days in stage' % stages[0]

    def timeline_heard():
        tree = walk(app)
        sliders = [node for node in tree if node.role == 'slider' and node.name == leads_days
                   and node.acc.getState().contains(pyatspi.STATE_FOCUSED)]
        views = [node for node in tree if node.name.startswith('Timeline:')]
        return (sliders, views, tree) if sliders and views else None

    for _ in range(80):
        found = poll(timeline_heard, timeout=0.5, interval=0.1)
        if found:
            break
        xdotool('key', 'Tab')
    else:
        fail('after Alt+2, 80 presses of Tab never reached the timeline\'s "%s"' % leads_days,
             [str(node) for node in walk(app)])
    sliders, views, tree = found
    described = poll(lambda: sliders[0].acc.description == TIMELINE_LEADS, timeout=10)
    if not described:
        fail('the timeline\'s "%s" says %r, not %r'
             % (leads_days, sliders[0].acc.description, TIMELINE_LEADS), [str(node) for node in tree])
    if not views[0].name.endswith(TIMELINE_DEALS):
        fail('the timeline does not end with %r: %r' % (TIMELINE_DEALS, views[0].name))
    log('the timeline\'s "%s" says: %s' % (leads_days, TIMELINE_LEADS))
    xdotool('key', 'alt+1')

    slider_name = '%s conversion' % stages[0]
    slider = next(node for node in nodes if node.role == 'slider' and node.name == slider_name)
    before = slider.description
    log('"%s" before: %s' % (slider_name, before))
    if not before.startswith('20%'):
        fail('"%s" should start at 20%%, it says "%s"' % (slider_name, before), dump)

    def focused():
        return slider.acc.getState().contains(pyatspi.STATE_FOCUSED)

    for _ in range(80):
        if poll(focused, timeout=0.3, interval=0.05):
            break
        xdotool('key', 'Tab')
    else:
        fail('80 presses of Tab never reached the slider "%s"' % slider_name,
             [str(node) for node in walk(app)])
    log('Tab reached "%s"' % slider_name)

    xdotool('key', 'Right')

    def moved():
        description = slider.acc.description or ''
        return description if description != before else None

    after = poll(moved, timeout=10)
    if not after:
        fail('"%s" still says "%s" after Right' % (slider_name, before))
    log('"%s" after Right: %s' % (slider_name, after))
    if not after.startswith('21%'):
        fail('Right should move "%s" by 1%% to 21%%: it says "%s"' % (slider_name, after))
    # GTK 4.8 gives custom widgets no AT-SPI Value; the value text is the
    # description. Where a later GTK exposes it, it must agree.
    try:
        value = slider.acc.queryValue().currentValue
    except NotImplementedError:
        log('no AT-SPI Value interface on the slider (GTK 4.8): the description carries it')
    else:
        if abs(value - 21) > 1e-6:
            fail('"%s" has the AT-SPI value %g, not 21' % (slider_name, value))
        log('AT-SPI value: %g' % value)

    def leads_count():
        for node in walk(app):
            match = re.search(r'%s, ([\d,]+) required' % re.escape(stages[0]), node.name)
            if match and match.group(1) != REQUIRED[0]:
                return match.group(1)
        return None

    count = poll(leads_count, timeout=10)
    if not count:
        fail('the funnel still says %s %s required after the change' % (REQUIRED[0], stages[0]),
             [str(node) for node in walk(app)])
    if not int(count.replace(',', '')) < int(REQUIRED[0].replace(',', '')):
        fail('a better conversion should need fewer %s than %s, not %s' % (stages[0], REQUIRED[0], count))
    def row_says_count():
        tree = walk(app)
        rows = [node for node in tree if node.role == 'list item' and node.name == stages[0]]
        return any(count in node.strings() for row in rows for node in subtree(tree, row))

    if not poll(row_says_count, timeout=10):
        fail('the projections row of %s does not say %s' % (stages[0], count),
             [str(node) for node in walk(app)])
    log('%s required now: %s' % (stages[0], count))

    # 5. What libadwaita 1.2 left unsaid: a stage row's header says whether
    #    the row is open (Return on it said nothing), and the question on
    #    closing a changed plan is described by its text on the button the
    #    focus starts on (Orca said "Save Changes? dialog. Save push button").
    headers = [node for node in walk(app)
               if node.role == 'list item' and node.name == stages[0]
               and node.acc.getState().contains(pyatspi.STATE_EXPANDABLE)]
    if not headers:
        fail('no row of %s says it can be opened' % stages[0], [str(node) for node in walk(app)])
    header = headers[0]
    if header.acc.getState().contains(pyatspi.STATE_EXPANDED):
        fail('the folded row of %s says it is open' % stages[0])
    log('the row of %s says it is folded' % stages[0])

    # Return on the row opens it, and it says so; again, it folds
    def has_state(state):
        return lambda: header.acc.getState().contains(state)

    for _ in range(120):
        if poll(has_state(pyatspi.STATE_FOCUSED), timeout=0.3, interval=0.05):
            break
        xdotool('key', 'Tab')
    else:
        fail('120 presses of Tab never reached the row of %s' % stages[0])
    xdotool('key', 'Return')
    if not poll(has_state(pyatspi.STATE_EXPANDED), timeout=10):
        fail('the row of %s, opened with Return, does not say it is open' % stages[0])
    xdotool('key', 'Return')
    if not poll(lambda: not header.acc.getState().contains(pyatspi.STATE_EXPANDED), timeout=10):
        fail('the row of %s, folded with Return, still says it is open' % stages[0])
    log('Return opens and folds the row of %s, and it says so' % stages[0])

    # The shortcuts window names Page Up and Page Down as they are printed:
    # GTK 4.8 wrote and said "Page_Up" and "Page_Down".
    xdotool('key', '--window', windows[0], 'ctrl+question')

    def shortcuts_keys():
        strings = [s for node in walk(app) for s in node.strings()]
        return strings if 'Page Up' in strings or 'Page_Up' in strings else None

    keys = poll(shortcuts_keys, timeout=10)
    if keys is None:
        fail('Ctrl+? showed no shortcuts window with Page Up', [str(node) for node in walk(app)])
    if 'Page_Up' in keys or 'Page_Down' in keys or 'Page Down' not in keys:
        fail('the shortcuts window names the keys %r' % sorted(k for k in keys if 'Page' in k))
    log('the shortcuts window says "Page Up" and "Page Down"')
    # ...and its sections not by their class's name ("GtkStackPage", which
    # Orca said as the focus entered one)
    shortcuts = [app.getChildAtIndex(i) for i in range(app.childCount)]
    shortcuts = [w for w in shortcuts if w is not None and w.name == 'Keyboard Shortcuts']
    if not shortcuts:
        fail('no window named "Keyboard Shortcuts"')
    pages = [node for node in walk(shortcuts[0]) if node.name == 'GtkStackPage']
    if pages:
        fail('the shortcuts window has %d parts named "GtkStackPage"' % len(pages),
             [str(node) for node in walk(shortcuts[0])])
    log('the shortcuts window names its sections')
    xdotool('key', 'Escape')
    time.sleep(0.5)
    # No window manager gives the focus back
    xdotool('windowfocus', '--sync', windows[0])

    xdotool('key', '--window', windows[0], 'ctrl+w')

    # The question's text in full: the plan's title, its file, and what
    # is lost
    question = ('\u201c%s\u201d (%s) has unsaved changes. Changes which are not saved '
                'will be permanently lost.' % (SAMPLE_TITLE, SAMPLE))

    def question_button():
        for node in walk(app):
            # Not the header bar's Save ("Save the Plan")
            if (node.role == 'push button' and node.name == 'Save'
                    and 'unsaved' in node.description):
                return node
        return None

    button = poll(question_button, timeout=10)
    if button is None or button.description != question:
        fail('the unsaved-changes question does not say its text: %r'
             % (button.description if button else None),
             [str(node) for node in walk(app)])
    log('the question\'s Save button says: %s' % button.description)
    xdotool('key', 'Escape')

    # 6. A file that does not open, named while the app runs, gets a window
    #    that a screen reader presents (a frame: Orca passes over a filler,
    #    which GTK 4.8 made of it), and its focused Try Again says why.
    broken = os.path.join(home, 'broken.funnel.json')
    with open(broken, 'w', encoding='utf-8') as f:
        f.write('{"format": "funnel-planner/plan", "version": 1,\n "title": "x" "y"}\n')
    open_files(broken)

    def failed_window():
        for i in range(app.childCount):
            window = app.getChildAtIndex(i)
            if window is not None and (window.name or '').startswith('broken.funnel.json'):
                return window
        return None

    window = poll(failed_window, timeout=20)
    if window is None:
        fail('no window for broken.funnel.json', [str(node) for node in walk(app)])
    if window.getRoleName() != 'frame':
        fail('the window for a file that did not open is a %s, which Orca passes over'
             % window.getRoleName())
    try_again = [node for node in walk(window)
                 if node.role == 'push button' and node.name == 'Try Again']
    if not try_again or ':2:14: a “,” is missing' not in try_again[0].description:
        fail('Try Again does not say why the file did not open',
             [str(node) for node in walk(window)])
    log('the failed file: a frame, Try Again says "%s"' % try_again[0].description)

    print('ok - the accessible tree names every stage, the counts and the coverage', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
