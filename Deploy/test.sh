#!/usr/bin/env bash
# Quick start, command 2: install what is missing and run the whole test suite against a real
# PostgreSQL (a throwaway cluster the suite starts itself, or $PETITIONS_TEST_DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Deploy/setup.sh
# The report tests validate HTML with html5lib (strict HTML5 parsing), from PyPI or Debian.
if ! python3 -c 'import html5lib' >/dev/null 2>&1; then
    echo "test: installing html5lib for the HTML5 validity tests" >&2
    python3 -m pip install -q html5lib >/dev/null 2>&1 \
        || { if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq python3-html5lib >/dev/null; else sudo apt-get install -y -qq python3-html5lib >/dev/null; fi; }
fi
# The rendering test lays reports out in headless Chromium (Debian's package).
if ! command -v chromium >/dev/null 2>&1; then
    echo "test: installing chromium for the report rendering test" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
    else sudo apt-get install -y -qq chromium >/dev/null || { sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; }; fi
fi
swift build --build-tests
swift test --skip-build "$@"
