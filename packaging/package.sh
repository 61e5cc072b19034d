#!/usr/bin/env bash
# make package: build the one-folder Linux bundle with PyInstaller, then smoke-test it.
#   1. `postwright render` on the sample post, offscreen (no display needed);
#   2. the window on a virtual screen (Xvfb), which saves a screenshot of itself and quits.
# Prints the bundle's size. Needs the venv (make test) and xvfb-run (packaging/test-packages.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DIST=dist
WORK=build/pyinstaller
OUT=build/package-smoke
rm -rf "$DIST/postwright" "$OUT"
mkdir -p "$OUT"

"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
    packaging/postwright.spec
"$PY" packaging/linux/install_desktop_files.py "$DIST/postwright"
APP="$DIST/postwright/postwright"

echo "smoke 1: version and headless render"
QT_QPA_PLATFORM=offscreen "$APP" --version
QT_QPA_PLATFORM=offscreen "$APP" render resources/sample/welcome.md -o "$OUT/welcome.html"
grep -q 'class="pw-block' "$OUT/welcome.html" || { echo "the rendered page has no blocks"; exit 1; }

echo "smoke 2: the window on Xvfb, with a screenshot"
HOME_DIR=$(mktemp -d)
HOME="$HOME_DIR" XDG_CONFIG_HOME="$HOME_DIR/config" XDG_DATA_HOME="$HOME_DIR/data" \
XDG_STATE_HOME="$HOME_DIR/state" DBUS_SESSION_BUS_ADDRESS=disabled: \
POSTWRIGHT_SCREENSHOT="$PWD/$OUT/window.png" \
    timeout 120 xvfb-run -a -s "-screen 0 1400x900x24" "$APP" --sample
rm -rf "$HOME_DIR"
test -s "$OUT/window.png" || { echo "the window did not save its screenshot"; exit 1; }

echo "bundle: $(du -sh "$DIST/postwright" | cut -f1) in $(find "$DIST/postwright" -type f | wc -l) files"
echo "screenshot: $OUT/window.png"
