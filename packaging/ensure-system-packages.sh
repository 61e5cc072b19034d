#!/usr/bin/env bash
# Install the Debian/Ubuntu packages listed in the files given as arguments that are not installed
# yet. Uses apt-get directly as root, sudo otherwise; when neither works it prints the exact
# command to run and fails.
set -euo pipefail

wanted=()
for list in "$@"; do
    while read -r pkg; do
        pkg=${pkg%%#*}; pkg=${pkg// /}
        [ -n "$pkg" ] && wanted+=("$pkg")
    done < "$list"
done

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Not a Debian/Ubuntu system: make sure the equivalents of these are installed: ${wanted[*]}" >&2
    exit 0
fi

# libasound2 was renamed libasound2t64 on newer releases; pick whichever this system knows.
missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
asound=libasound2
if apt-cache show libasound2t64 >/dev/null 2>&1; then asound=libasound2t64; fi
status=$(dpkg-query -W -f='${Status}' "$asound" 2>/dev/null || true)
[ "$status" = "install ok installed" ] || missing+=("$asound")

[ ${#missing[@]} -eq 0 ] && exit 0

cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${cmd[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive "${cmd[@]}"
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive "${cmd[@]}"
else
    echo "Postwright needs these system packages. Please run:" >&2
    echo "    sudo apt-get update && sudo ${cmd[*]}" >&2
    exit 1
fi
