#!/usr/bin/env bash
# Screenshots of the real application, as the metainfo and README show them.
#
#   build-aux/screenshots.sh [OUTDIR] [LANGUAGE]
#
# Installs the app into a temporary prefix (so that the translations and the
# schema are found), then runs it in a private X server (Xvfb) with the
# sample plan, at 1280x800, in the light and the dark style, and saves the
# funnel and the timeline views: OUTDIR/funnel.png, timeline.png,
# funnel-dark.png and timeline-dark.png (default OUTDIR: docs/screenshots).
# LANGUAGE (e.g. de or zh_CN) takes them in that language; without it they
# are in English. Needs xvfb, xdotool and imagemagick; Chinese needs a CJK
# font (fonts-wqy-microhei or fonts-noto-cjk).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$top/docs/screenshots}")
lang=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case "$lang" in
  "") locale=C.UTF-8 ;;
  *_*) locale=$lang.UTF-8 ;;
  *) locale=${lang}_$(echo "$lang" | tr '[:lower:]' '[:upper:]').UTF-8 ;;
esac

meson setup --prefix="$tmp/prefix" -Dui_tests=false "$tmp/build" "$top" > "$tmp/setup.log"
ninja -C "$tmp/build" > "$tmp/build.log"
meson install -C "$tmp/build" --no-rebuild --quiet > /dev/null
mkdir -p "$out"

shoot() {
  local style=$1 suffix=$2
  env GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$tmp/prefix/share/glib-2.0/schemas" \
      XDG_DATA_DIRS="$tmp/prefix/share:/usr/share" \
      XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
      LANGUAGE="${lang:-en}" LC_ALL="$locale" GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
      ADW_DEBUG_COLOR_SCHEME="$style" \
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
      "$1/bin/funnel-planner" "$1/share/funnel-planner/samples/q3-demand-plan.funnel.json" &
      app=$!
      wid=
      for _ in $(seq 1 60); do
        sleep 0.25
        wid=$(xdotool search --onlyvisible --class funnel 2>/dev/null | head -1) || true
        [ -n "$wid" ] && break
      done
      [ -n "$wid" ] || { echo "no window" >&2; kill $app; exit 1; }
      xdotool windowsize "$wid" 1280 800 windowmove "$wid" 0 0
      sleep 2
      import -window root "$2/funnel$3.png"
      xdotool key alt+2
      sleep 2
      import -window root "$2/timeline$3.png"
      kill $app
    ' _ "$tmp/prefix" "$out" "$suffix"
}

shoot prefer-light ""
shoot prefer-dark "-dark"
ls "$out"
