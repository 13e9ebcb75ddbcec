#!/usr/bin/env python3
# check-potfiles.py: po/POTFILES lists every file with strings marked for
# translation, and nothing that does not exist.
#
#   check-potfiles.py SOURCE_ROOT [--xgettext]
#
# It scans the source tree (but not the tests, benchmarks, po/ and build
# folders) for marked strings: _(" N_(" C_(" NC_(" Q_(" g_dngettext (...)
# g_dpgettext2 (...) in C; translatable="yes" in GtkBuilder .ui files;
# _(" in Blueprint; the keys of desktop entries; the texts of AppStream
# metainfo, GSettings schemas and shared-mime-info XML; intltool-style
# <_tag> and _Key= marks. A file that has marked strings but deliberately
# stays out of the catalogue goes into po/POTFILES.skip.
#
# With --xgettext it also runs xgettext over POTFILES as meson's
# "glib" preset does, and fails on anything xgettext warns about.
#
# Exits 1, naming each problem, when a file is missing from the list or a
# listed file does not exist.

import os
import re
import subprocess
import sys
import tempfile

SKIP_DIRS = {'.git', 'po', 'tests', 'benchmarks', 'subprojects', 'flatpak', 'docs',
             'build-aux', '.flatpak-builder', 'node_modules'}

C_MARK = re.compile(r'''
    (?<![A-Za-z0-9_])
    (?: (?:NC_|C_|Q_|N_|_) \s* \( \s* "          # _("..."), N_("..."), C_("context", "...")
      | g_d(?:c|n|p)?gettext2? \s* \(           # g_dngettext (GETTEXT_PACKAGE, "...", ...)
      | (?:dc|d)?n?gettext \s* \( \s* "        # ngettext ("...", "...", n)
    )''', re.VERBOSE)
C_COMMENT = re.compile(r'/\*.*?\*/', re.DOTALL)
C_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')

UI_MARK = re.compile(r'''translatable\s*=\s*["'](?:yes|true|1)["']''', re.IGNORECASE)
BLP_MARK = re.compile(r'(?<![A-Za-z0-9_])C?_\s*\(\s*"')
INTLTOOL_XML_MARK = re.compile(r'<_[A-Za-z]')
DESKTOP_KEYS = re.compile(r'^_?(Name|GenericName|Comment|Keywords|X-GNOME-FullName)=', re.MULTILINE)
XML_TEXT = {
    # root element: elements whose text xgettext extracts for that kind of file
    'component': re.compile(r'<(name|summary|p|li|caption|keyword)[\s>]'),
    'schemalist': re.compile(r'<(summary|description)[\s>]'),
    'mime-info': re.compile(r'<comment[\s>]'),
}
XML_ROOT = re.compile(r'<(component|schemalist|mime-info|interface)[\s>]')

# meson's i18n "glib" preset (mesonbuild/modules/i18n.py)
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def strip_c_comments(text):
    # Comments out, strings kept: a "/*" inside a string is not a comment.
    out = []
    pos = 0
    while pos < len(text):
        string = C_STRING.search(text, pos)
        comment = C_COMMENT.search(text, pos)
        if comment and (not string or comment.start() < string.start()):
            out.append(text[pos:comment.start()])
            out.append(' ')
            pos = comment.end()
        elif string:
            out.append(text[pos:string.end()])
            pos = string.end()
        else:
            out.append(text[pos:])
            break
    return ''.join(out)


def has_marks(path, text):
    name = os.path.basename(path)
    if name.endswith(('.c', '.h')):
        return bool(C_MARK.search(strip_c_comments(text)))
    if name.endswith('.ui'):
        return bool(UI_MARK.search(text))
    if name.endswith('.blp'):
        return bool(BLP_MARK.search(text) or UI_MARK.search(text))
    if name.endswith(('.desktop.in', '.desktop.in.in', '.desktop')):
        return bool(DESKTOP_KEYS.search(text))
    if re.search(r'\.xml(\.in)*$', name) or name.endswith(('.its', '.policy.in')):
        if INTLTOOL_XML_MARK.search(text):
            return True
        root = XML_ROOT.search(text)
        if root is None:
            return False
        if root.group(1) == 'interface':
            return bool(UI_MARK.search(text))
        return bool(XML_TEXT[root.group(1)].search(text))
    return False


def is_build_dir(path):
    return (os.path.exists(os.path.join(path, 'meson-private'))
            or os.path.exists(os.path.join(path, 'build.ninja')))


def scan(root):
    found = set()
    for folder, dirs, files in os.walk(root):
        rel_folder = os.path.relpath(folder, root)
        dirs[:] = sorted(d for d in dirs
                         if not (rel_folder == '.' and d in SKIP_DIRS)
                         and not d.startswith('.')
                         and not is_build_dir(os.path.join(folder, d)))
        for name in files:
            path = os.path.join(folder, name)
            try:
                with open(path, encoding='utf-8') as f:
                    text = f.read()
            except (UnicodeDecodeError, OSError):
                continue
            if has_marks(path, text):
                found.add(os.path.relpath(path, root))
    return found


def read_list(path):
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append((number, line))
    return entries


def run_xgettext(root, potfiles):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'check.pot')
        result = subprocess.run(['xgettext', '--package-name=funnel-planner', '-f', potfiles,
                                 '-D', root, '-k_', '-o', out] + XGETTEXT_ARGS,
                                capture_output=True, text=True)
        problems = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
        if result.returncode != 0 or problems:
            return ['xgettext: ' + line for line in problems] or ['xgettext failed']
        with open(out, encoding='utf-8') as f:
            count = f.read().count('\nmsgid "') - 1
        print(f'xgettext: {count} messages')
    return []


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    if len(args) != 1:
        print(__doc__ or 'usage: check-potfiles.py SOURCE_ROOT [--xgettext]', file=sys.stderr)
        return 2
    root = os.path.abspath(args[0])
    potfiles = os.path.join(root, 'po', 'POTFILES')
    if not os.path.exists(potfiles):
        potfiles = os.path.join(root, 'po', 'POTFILES.in')
    listed = read_list(potfiles)
    skipped = {entry for _, entry in read_list(os.path.join(root, 'po', 'POTFILES.skip'))}
    failures = []

    for number, entry in listed:
        if not os.path.isfile(os.path.join(root, entry)):
            failures.append(f'po/{os.path.basename(potfiles)}:{number}: {entry} does not exist')

    listed_set = {entry for _, entry in listed}
    duplicates = sorted({entry for _, entry in listed if [e for _, e in listed].count(entry) > 1})
    for entry in duplicates:
        failures.append(f'po/{os.path.basename(potfiles)}: {entry} is listed twice')

    marked = scan(root)
    for path in sorted(marked - listed_set - skipped):
        failures.append(f'{path}: has strings marked for translation but is not in '
                        f'po/{os.path.basename(potfiles)}')
    for path in sorted(listed_set - marked):
        if os.path.isfile(os.path.join(root, path)):
            print(f'note: {path} is listed but has no marked strings')

    if not failures and '--xgettext' in sys.argv[1:]:
        failures += run_xgettext(root, potfiles)

    for line in failures:
        print(line)
    print(f'{len(marked)} files with marked strings, {len(listed)} listed, '
          f'{len(failures)} problems')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
