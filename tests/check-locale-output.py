#!/usr/bin/env python3
# check-locale-output.py: what the command line writes in a German locale.
#
#   check-locale-output.py FUNNEL_PLANNER PLAN LOCALEDIR
#
# The report (--project) is for scripts: under LC_ALL=de_DE.UTF-8 it must be
# the same JSON as in the C locale, numbers with decimal points (only the
# prose of the warnings may differ). An export is for people: its numbers
# follow the locale, 1.200.000 and 4,0x in German, as pdftotext reads them
# from a PDF export. A plan that cannot be read is named in a whole
# translated sentence, so that Chinese puts its full-width colon after the
# name (the build's catalogues, from LOCALEDIR). Skips when the German locale
# is not installed (Debian: locales-all) or, for the export, without pdftotext.

import json
import os
import shutil
import subprocess
import sys
import tempfile

GERMAN = 'de_DE.UTF-8'


def run(exe, args, locale, language='', localedir=None):
    env = dict(os.environ, LC_ALL=locale, LANGUAGE=language, GSETTINGS_BACKEND='memory')
    if localedir is not None:
        env['FP_LOCALEDIR'] = localedir
    return subprocess.run([exe] + args, capture_output=True, text=True, env=env, timeout=120)


def locale_installed(name):
    result = subprocess.run(['locale', '-a'], capture_output=True, text=True)
    wanted = name.lower().replace('utf-8', 'utf8')
    return any(line.strip().lower() == wanted for line in result.stdout.splitlines())


def without_prose(report):
    for warning in report.get('warnings', []):
        warning.pop('message', None)
    return report


def main():
    if len(sys.argv) != 4:
        print('usage: check-locale-output.py FUNNEL_PLANNER PLAN LOCALEDIR', file=sys.stderr)
        return 2
    exe, plan, localedir = sys.argv[1:]
    if not locale_installed(GERMAN):
        print(f'skipped: {GERMAN} is not installed')
        return 77

    problems = []
    c = run(exe, ['--project', plan], 'C.UTF-8')
    de = run(exe, ['--project', plan], GERMAN)
    if c.returncode != 0 or de.returncode != 0:
        problems.append(f'--project failed: {c.stderr.strip()} {de.stderr.strip()}')
    else:
        if without_prose(json.loads(c.stdout)) != without_prose(json.loads(de.stdout)):
            problems.append(f'the report differs under {GERMAN}')
        if '"revenue_target": 1200000' not in de.stdout:
            problems.append('the report does not say "revenue_target": 1200000')

    if shutil.which('pdftotext') is None:
        print('note: no pdftotext, the export is not checked')
    else:
        with tempfile.TemporaryDirectory() as tmp:
            pdf = os.path.join(tmp, 'plan.pdf')
            export = run(exe, ['--export', pdf, plan], GERMAN)
            if export.returncode != 0:
                problems.append(f'--export failed: {export.stderr.strip()}')
            else:
                text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True,
                                      text=True).stdout
                # The coverage as 4,0x, or 4,0\u00d7 where the German catalogue is found
                for expected in ['1.200.000', '2.667', ('4,0x', '4,0\u00d7')]:
                    if isinstance(expected, str):
                        expected = (expected,)
                    if not any(e in text for e in expected):
                        problems.append(f'the German export does not show {expected[0]}')
                if '1,200,000' in text:
                    problems.append('the German export shows 1,200,000')

    # The language's own punctuation after a file's name, for each way a
    # plan can fail to be read
    with tempfile.TemporaryDirectory() as tmp:
        missing = os.path.join(tmp, 'missing.funnel.json')
        cases = [
            ('de', missing, missing + ': Diese Datei gibt es nicht'),
            ('de', tmp, tmp + ': ein Ordner, keine Plandatei'),
            ('zh_CN', missing, missing + '\uff1a\u6ca1\u6709\u8fd9\u4e2a\u6587\u4ef6'),
            ('zh_CN', tmp, tmp + '\uff1a\u8fd9\u662f\u4e00\u4e2a\u6587\u4ef6\u5939'),
        ]
        for language, path, expected in cases:
            result = run(exe, ['--project', path], GERMAN, language, localedir)
            if result.returncode == 0 or expected not in result.stderr:
                problems.append(f'in {language}, {path} is not named as "{expected}": '
                                f'{result.stderr.strip()!r}')

    for line in problems:
        print('problem: ' + line)
    print(f'locale output: {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
