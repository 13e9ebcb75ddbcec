#!/usr/bin/env python3
# check-install.py: `meson install` with the Flatpak's prefix, into a DESTDIR,
# lays out what the desktop, the software centre and Flatpak look for.
#
#   check-install.py SOURCE_ROOT
#
# It configures a build of its own (--prefix=/app, as flatpak-builder does),
# builds it, installs it into a temporary DESTDIR, and checks the tree: the
# executable, the desktop entry, the metainfo, both icons, the MIME package,
# the GSettings schema and the message catalogues; that Flatpak would export
# every desktop file (their names start with the app id); that the desktop
# entry, the metainfo and the MIME package agree; that nothing lands outside
# the prefix; and that the installed program runs. Set FP_KEEP_INSTALL_TEST=1
# to keep the tree; FP_SKIP_INSTALL_TEST=1 skips the test (it takes a build).

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = 'io.github.funnelplanner.FunnelPlanner'
PREFIX = '/app'
MIME_TYPE = 'application/x-funnel-plan+json'
LANGUAGES = ['de', 'zh_CN']

EXPECTED = [
    'bin/funnel-planner',
    f'share/applications/{APP_ID}.desktop',
    f'share/metainfo/{APP_ID}.metainfo.xml',
    f'share/icons/hicolor/scalable/apps/{APP_ID}.svg',
    f'share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg',
    f'share/mime/packages/{APP_ID}.xml',
    f'share/glib-2.0/schemas/{APP_ID}.gschema.xml',
] + [f'share/locale/{lang}/LC_MESSAGES/funnel-planner.mo' for lang in LANGUAGES]

# Flatpak exports only files named after the app id from these folders.
EXPORTED_DIRS = ['share/applications', 'share/metainfo', 'share/icons', 'share/mime/packages',
                 'share/dbus-1/services']


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-4000:])
        sys.stdout.write(result.stderr[-4000:])
        raise SystemExit(f'failed ({result.returncode}): {" ".join(args)}')
    return result


def check_tree(root):
    problems = []
    prefix = os.path.join(root, PREFIX.lstrip('/'))

    outside = [name for name in os.listdir(root) if name != PREFIX.lstrip('/')]
    if outside:
        problems.append(f'installed outside {PREFIX}: {outside}')

    for rel in EXPECTED:
        path = os.path.join(prefix, rel)
        if not os.path.isfile(path):
            problems.append(f'missing {PREFIX}/{rel}')
        elif rel.startswith('bin/') and not os.access(path, os.X_OK):
            problems.append(f'{PREFIX}/{rel} is not executable')

    for folder in EXPORTED_DIRS:
        base = os.path.join(prefix, folder)
        for dirpath, _, files in os.walk(base):
            for name in files:
                if name == 'index.theme' or name.endswith('.cache'):
                    continue
                if not name.startswith(APP_ID):
                    problems.append(f'{os.path.relpath(os.path.join(dirpath, name), root)}: '
                                    f'Flatpak exports only files named {APP_ID}*')
    return problems


def check_agreement(prefix):
    problems = []
    desktop = os.path.join(prefix, 'share/applications', APP_ID + '.desktop')
    metainfo = os.path.join(prefix, 'share/metainfo', APP_ID + '.metainfo.xml')
    mime = os.path.join(prefix, 'share/mime/packages', APP_ID + '.xml')
    if not all(os.path.isfile(p) for p in (desktop, metainfo, mime)):
        return problems

    with open(desktop, encoding='utf-8') as f:
        entry = f.read()
    keys = dict(re.findall(r'^([A-Za-z0-9\-\[\]_@.]+)=(.*)$', entry, re.MULTILINE))
    if MIME_TYPE not in keys.get('MimeType', '').split(';'):
        problems.append(f'the desktop entry does not open {MIME_TYPE}')
    if keys.get('Icon') != APP_ID:
        problems.append(f'the desktop entry shows the icon {keys.get("Icon")!r}')
    if not keys.get('Exec', '').startswith('funnel-planner '):
        problems.append(f'the desktop entry runs {keys.get("Exec")!r}')
    for lang in LANGUAGES:
        if f'Comment[{lang}]' not in keys:
            problems.append(f'the desktop entry has no Comment[{lang}]: was po/{lang}.po merged?')

    component = ET.parse(metainfo).getroot()
    if component.findtext('id') != APP_ID:
        problems.append('the metainfo has another id')
    if component.findtext('launchable') != APP_ID + '.desktop':
        problems.append('the metainfo launches another desktop entry')
    if MIME_TYPE not in [m.text for m in component.iter('mediatype')]:
        problems.append(f'the metainfo does not provide {MIME_TYPE}')
    xml_lang = '{http://www.w3.org/XML/1998/namespace}lang'
    for lang in LANGUAGES:
        if not any(e.get(xml_lang) == lang for e in component.iter('summary')):
            problems.append(f'the metainfo has no summary in {lang}')

    ns = {'m': 'http://www.freedesktop.org/standards/shared-mime-info'}
    types = ET.parse(mime).getroot().findall('m:mime-type', ns)
    if [t.get('type') for t in types] != [MIME_TYPE]:
        problems.append(f'the MIME package defines {[t.get("type") for t in types]}')
    return problems


def check_mime_database(prefix):
    """update-mime-database reads the package, and *.funnel.json maps to the type."""
    if shutil.which('update-mime-database') is None:
        print('note: no update-mime-database, MIME database not checked')
        return []
    with tempfile.TemporaryDirectory() as data_dir:
        mime_dir = os.path.join(data_dir, 'mime')
        os.makedirs(os.path.join(mime_dir, 'packages'))
        shutil.copy(os.path.join(prefix, 'share/mime/packages', APP_ID + '.xml'),
                    os.path.join(mime_dir, 'packages'))
        # A data folder on the search path, or it says so; anything else it
        # says is a problem with the package.
        env = dict(os.environ, XDG_DATA_HOME=data_dir)
        result = subprocess.run(['update-mime-database', mime_dir], capture_output=True, text=True,
                                env=env)
        problems = [f'update-mime-database: {line}' for line in
                    (result.stdout + result.stderr).splitlines() if line.strip()]
        if result.returncode != 0:
            problems.append(f'update-mime-database exited with {result.returncode}')
            return problems
        with open(os.path.join(mime_dir, 'globs2'), encoding='utf-8') as f:
            if f'{MIME_TYPE}:*.funnel.json' not in f.read():
                problems.append('*.funnel.json is not in the MIME globs')
        with open(os.path.join(mime_dir, 'subclasses'), encoding='utf-8') as f:
            if f'{MIME_TYPE} application/json' not in f.read():
                problems.append(f'{MIME_TYPE} is not a sub-class of application/json')
    return problems


def check_runs(prefix):
    env = dict(os.environ, LC_ALL='C.UTF-8', GSETTINGS_BACKEND='memory')
    result = subprocess.run([os.path.join(prefix, 'bin/funnel-planner'), '--version'],
                            capture_output=True, text=True, env=env, timeout=60)
    if result.returncode != 0 or not result.stdout.strip():
        return [f'funnel-planner --version exited with {result.returncode}: {result.stderr.strip()}']
    return []


def main():
    if len(sys.argv) != 2:
        print('usage: check-install.py SOURCE_ROOT', file=sys.stderr)
        return 2
    if os.environ.get('FP_SKIP_INSTALL_TEST'):
        print('skipped: FP_SKIP_INSTALL_TEST is set')
        return 77
    source_root = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix='fp-install-')
    build = os.path.join(tmp, 'build')
    root = os.path.join(tmp, 'root')
    # The meson test harness's variables belong to the outer build.
    env = {k: v for k, v in os.environ.items() if not k.startswith('MESON')}
    try:
        run(['meson', 'setup', '--prefix=' + PREFIX, '--buildtype=plain', '-Dui_tests=false',
             build, source_root], env=env)
        run(['ninja', '-C', build, '-j', '2'], env=env)
        run(['meson', 'install', '-C', build, '--no-rebuild', '--destdir', root, '--quiet'], env=env)

        prefix = os.path.join(root, PREFIX.lstrip('/'))
        problems = check_tree(root)
        problems += check_agreement(prefix)
        if not problems:
            problems += check_mime_database(prefix)
            problems += check_runs(prefix)

        for dirpath, _, files in sorted(os.walk(prefix)):
            for name in sorted(files):
                print(os.path.relpath(os.path.join(dirpath, name), root))
        for line in problems:
            print('problem: ' + line)
        print(f'install layout: {len(EXPECTED)} files expected, {len(problems)} problems')
        return 1 if problems else 0
    finally:
        if os.environ.get('FP_KEEP_INSTALL_TEST'):
            print(f'kept {tmp}')
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
