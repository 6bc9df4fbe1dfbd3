#!/usr/bin/env bash
# Builds the tests with AddressSanitizer (LeakSanitizer included) into .build-asan and runs them
# under it, the worker and CLI processes they start included: any leaked PGresult, PGconn or other
# allocation fails the run. With no argument every test target runs (CI does this); pass a filter
# (a regular expression) to run fewer, such as PostgresTests.
# (valgrind 3.19 crashes on Swift 6.3 binaries, so this is the leak checker we use.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash Deploy/setup.sh
swift build --build-tests --sanitize=address --scratch-path .build-asan
export ASAN_OPTIONS=detect_leaks=1
# Two database tests at a time, as many as the plain run has cores: everything is slower here.
export PETITIONS_TEST_PARALLEL=${PETITIONS_TEST_PARALLEL:-2}
export LSAN_OPTIONS="suppressions=$PWD/Deploy/lsan.supp,print_suppressions=0"
# Tests that assert how long something took are left to the plain run: under the sanitizer
# everything is two to three times slower, and their timing says nothing about leaks.
skip='aTricklingBodyIsCutOff|aStuckHostDoesNotStarveAnother|sigtermLetsTheRunningJobFinish|aLinkThatStopsForwarding'
if [ $# -gt 0 ]; then
    .build-asan/debug/petitionsPackageTests.xctest --testing-library swift-testing --filter "$1"
else
    .build-asan/debug/petitionsPackageTests.xctest --testing-library swift-testing --skip "$skip"
fi
