#!/usr/bin/env bash
# Screenshots of the real application, as the metainfo and README show them.
#
#   build-aux/screenshots.sh [OUTDIR] [LANGUAGE]
#
# Installs the app into a temporary prefix (so that the translations and the
# schema are found), then runs it in a private X server (Xvfb) with the
# sample plan, with its window at 1280x800, and saves what the metainfo
# shows: OUTDIR/funnel.png and timeline.png in the light style, and
# funnel-dark.png in the dark one (default OUTDIR: docs/screenshots).
# LANGUAGE (e.g. de or zh_CN) takes them in that language; without it they
# are in English. Needs xvfb, xdotool and imagemagick; Chinese needs a CJK
# font (fonts-wqy-microhei or fonts-noto-cjk). NINJA_JOBS limits the build's
# parallel jobs on a shared machine.
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
ninja -C "$tmp/build" ${NINJA_JOBS:+-j "$NINJA_JOBS"} > "$tmp/build.log"
meson install -C "$tmp/build" --no-rebuild --quiet > /dev/null
mkdir -p "$out"

# Without a compositor GTK draws a resize border of 5 pixels around the
# window (.solid-csd): the X window is that much larger than the GTK one,
# and the border is cropped away so that the images show the window alone.
border=5
width=1280
height=800

shoot() {
  local style=$1 suffix=$2 views=$3
  env GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$tmp/prefix/share/glib-2.0/schemas" \
      XDG_DATA_DIRS="$tmp/prefix/share:/usr/share" \
      XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
      LANGUAGE="${lang:-en}" LC_ALL="$locale" GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
      ADW_DEBUG_COLOR_SCHEME="$style" \
    xvfb-run -a -s "-screen 0 $((width + 2 * border))x$((height + 2 * border))x24" bash -c '
      "$1/bin/funnel-planner" "$1/share/funnel-planner/samples/q3-demand-plan.funnel.json" &
      app=$!
      wid=
      for _ in $(seq 1 60); do
        sleep 0.25
        wid=$(xdotool search --onlyvisible --class funnel 2>/dev/null | head -1) || true
        [ -n "$wid" ] && break
      done
      [ -n "$wid" ] || { echo "no window" >&2; kill $app; exit 1; }
      xdotool windowsize "$wid" $(($5 + 2 * $4)) $(($6 + 2 * $4)) windowmove "$wid" 0 0
      # The pointer away from every widget: no hover highlight
      xdotool mousemove $(($5 + 2 * $4 - 1)) $(($6 + 2 * $4 - 1))
      sleep 2
      crop="$5x$6+$4+$4"
      import -window root -crop "$crop" +repage "$2/funnel$3.png"
      if [ "$7" = both ]; then
        # A click on the switcher'"'"'s Timeline button, where it is in every
        # language: a key press would leave a focus ring in the picture
        xdotool mousemove $((310 + $4)) $((23 + $4)) click 1
        xdotool mousemove $(($5 + 2 * $4 - 1)) $(($6 + 2 * $4 - 1))
        sleep 2
        import -window root -crop "$crop" +repage "$2/timeline$3.png"
      fi
      kill $app
    ' _ "$tmp/prefix" "$out" "$suffix" "$border" "$width" "$height" "$views"
}

shoot prefer-light "" both
shoot prefer-dark "-dark" funnel
ls "$out"
