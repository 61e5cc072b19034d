#!/usr/bin/env bash
# make screenshot: the README's picture of the real app (docs/images/screenshot.png).
# The sample post is put in a fresh library as a blog post and opened on a virtual screen
# (Xvfb); the app saves a picture of its window and quits (POSTWRIGHT_SCREENSHOT).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${1:-docs/images/screenshot.png}"
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
POST="$HOME_DIR/Documents/Postwright/pnp-blog/content/post/welcome-to-postwright"
mkdir -p "$POST"
cp -r resources/sample/images "$POST/images"
cp resources/sample/welcome.md "$POST/index.md"
mkdir -p "$HOME_DIR/config/postwright"
printf '{"version": 1, "preferences": {"welcome_done": true}, "window": {}}\n' \
    > "$HOME_DIR/config/postwright/settings.json"
HOME="$HOME_DIR" XDG_CONFIG_HOME="$HOME_DIR/config" XDG_DATA_HOME="$HOME_DIR/data" \
XDG_STATE_HOME="$HOME_DIR/state" XDG_DOCUMENTS_DIR="$HOME_DIR/Documents" \
DBUS_SESSION_BUS_ADDRESS=disabled: POSTWRIGHT_SCREENSHOT="$PWD/$TARGET" LANG=en_US.UTF-8 \
    timeout 120 xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/postwright "$POST/index.md"
test -s "$TARGET"
echo "saved $TARGET"
