#!/usr/bin/env python3
# check-flatpak-manifest.py: the Flatpak manifest, checked without the GNOME
# runtime (which cannot be fetched on our machines).
#
#   check-flatpak-manifest.py MANIFEST SOURCE_ROOT
#       the static rules below
#   check-flatpak-manifest.py --show-manifest FLATPAK_BUILDER MANIFEST
#       flatpak-builder parses it, without a warning
#
# The static rules: the file is JSON; the app id is the application's and the
# manifest is named after it; the runtime is org.gnome.Platform with its Sdk
# at a fixed version (no "master" or "nightly"); the command is the
# executable; the finish-args are exactly the ones the app needs (Wayland
# with an X11 fallback, IPC for X11, the GPU) and never a filesystem, the
# network or a bus name: files go through the portals; the app's module
# builds with meson from the checkout this manifest lives in.

import json
import os
import re
import subprocess
import sys
import tempfile

APP_ID = 'io.github.funnelplanner.FunnelPlanner'
COMMAND = 'funnel-planner'
FINISH_ARGS = ['--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri']
FORBIDDEN_PREFIXES = ('--filesystem', '--share=network', '--socket=x11', '--socket=session-bus',
                      '--socket=system-bus', '--device=all', '--talk-name', '--own-name',
                      '--system-talk-name', '--persist')


def check_static(path, source_root):
    problems = []
    with open(path, encoding='utf-8') as f:
        try:
            manifest = json.load(f)
        except json.JSONDecodeError as e:
            return [f'{path}: not JSON: {e}']

    app_id = manifest.get('id', manifest.get('app-id'))
    if app_id != APP_ID:
        problems.append(f'id is {app_id!r}, not {APP_ID!r}')
    if os.path.basename(path) not in (APP_ID + '.json', APP_ID + '.yml', APP_ID + '.yaml'):
        problems.append(f'the manifest should be named {APP_ID}.json')
    if manifest.get('runtime') != 'org.gnome.Platform':
        problems.append(f'runtime is {manifest.get("runtime")!r}, not org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append(f'sdk is {manifest.get("sdk")!r}, not org.gnome.Sdk')
    version = manifest.get('runtime-version')
    if not isinstance(version, str) or not re.fullmatch(r'[0-9]+(\.[0-9]+)?', version):
        problems.append(f'runtime-version is {version!r}: it must be a fixed release such as "49"')
    if manifest.get('command') != COMMAND:
        problems.append(f'command is {manifest.get("command")!r}, not {COMMAND!r}')

    finish_args = manifest.get('finish-args', [])
    if sorted(finish_args) != sorted(FINISH_ARGS) or len(set(finish_args)) != len(finish_args):
        problems.append(f'finish-args are {finish_args}, not exactly {FINISH_ARGS}')
    for arg in finish_args:
        if arg.startswith(FORBIDDEN_PREFIXES):
            problems.append(f'finish-args grant {arg}: files go through the portals')

    modules = manifest.get('modules', [])
    app_modules = [m for m in modules if isinstance(m, dict) and m.get('name') == COMMAND]
    if len(app_modules) != 1:
        problems.append(f'there must be one module named {COMMAND!r}')
    elif modules[-1] is not app_modules[0]:
        problems.append(f'the {COMMAND!r} module must be the last one')
    else:
        module = app_modules[0]
        if module.get('buildsystem') != 'meson':
            problems.append(f'the {COMMAND!r} module builds with {module.get("buildsystem")!r}, not meson')
        for arg in module.get('build-options', {}).get('build-args', []):
            if arg.startswith('--share=network'):
                problems.append('the build must not use the network')
        dirs = [s for s in module.get('sources', []) if s.get('type') == 'dir']
        if len(dirs) != 1:
            problems.append(f'the {COMMAND!r} module must build from one "dir" source')
        else:
            source = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)),
                                                   dirs[0].get('path', '')))
            if source != os.path.normpath(os.path.abspath(source_root)):
                problems.append(f'the "dir" source is {source}, not the checkout {source_root}')
            elif not os.path.isfile(os.path.join(source, 'meson.build')):
                problems.append(f'{source} has no meson.build')

    return [f'{path}: {p}' for p in problems]


def check_show_manifest(flatpak_builder, path):
    # flatpak-builder leaves a .flatpak-builder folder where it runs.
    with tempfile.TemporaryDirectory() as cwd:
        result = subprocess.run([flatpak_builder, '--show-manifest', os.path.abspath(path)],
                                capture_output=True, text=True, cwd=cwd)
    problems = []
    if result.returncode != 0:
        problems.append(f'flatpak-builder --show-manifest exited with {result.returncode}')
    # Unknown keys are only warnings to flatpak-builder; here they fail.
    problems += [line for line in result.stderr.splitlines() if line.strip()]
    try:
        shown = json.loads(result.stdout)
        if shown.get('id', shown.get('app-id')) != APP_ID:
            problems.append('flatpak-builder read another app id')
    except json.JSONDecodeError:
        problems.append('flatpak-builder printed no manifest')
    return problems


def main():
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == '--show-manifest':
        problems = check_show_manifest(args[1], args[2])
    elif len(args) == 2:
        problems = check_static(args[0], args[1])
    else:
        print('usage: check-flatpak-manifest.py MANIFEST SOURCE_ROOT\n'
              '       check-flatpak-manifest.py --show-manifest FLATPAK_BUILDER MANIFEST',
              file=sys.stderr)
        return 2
    for line in problems:
        print(line)
    print('manifest: ' + ('ok' if not problems else f'{len(problems)} problems'))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
