#!/usr/bin/env bash
# Quick start, command 2: install what is missing and run the whole test suite against a real
# PostgreSQL (a throwaway cluster the suite starts itself, or $PETITIONS_TEST_DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Deploy/setup.sh
swift build --build-tests
swift test --skip-build "$@"
