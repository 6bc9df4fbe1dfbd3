#!/usr/bin/env bash
# Installs what petitions needs to build and run on Debian/Ubuntu, if missing:
# libpq-dev (the C client library), pkg-config (to find it), postgresql (the server programs
# for the embedded database), fonts-noto-cjk (so that pages and reports render Japanese and
# Chinese in a browser here, not as boxes). Needs root or sudo when something is missing.
set -euo pipefail

packages=(libpq-dev pkg-config postgresql fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: swift is not on PATH; install the Swift 6 toolchain from swift.org first" >&2
    exit 1
fi
