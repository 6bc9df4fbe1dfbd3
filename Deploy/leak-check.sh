#!/usr/bin/env bash
# Builds the tests with AddressSanitizer (LeakSanitizer included) into .build-asan and runs the
# libpq wrapper's tests under it: any leaked PGresult, PGconn or other allocation fails the run.
# (valgrind 3.19 crashes on Swift 6.3 binaries, so this is the leak checker we use.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash Deploy/setup.sh
swift build --build-tests --sanitize=address --scratch-path .build-asan
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$PWD/Deploy/lsan.supp,print_suppressions=0"
.build-asan/debug/petitionsPackageTests.xctest --testing-library swift-testing --filter "${1:-PostgresTests}"
