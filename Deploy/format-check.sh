#!/usr/bin/env bash
# The code is formatted as .swift-format says: `swift format lint --strict` over every Swift file.
# To fix what it reports: swift format format --in-place --recursive --parallel Sources Tests Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
if ! swift format --version >/dev/null 2>&1; then
    echo "format-check: swift-format is missing; it ships with Swift 6 toolchains (swift format --version), so install a complete Swift 6 toolchain" >&2
    exit 1
fi
if ! swift format lint --strict --recursive --parallel Sources Tests Package.swift; then
    echo "format-check: the code above is not formatted as .swift-format says; run" >&2
    echo "  swift format format --in-place --recursive --parallel Sources Tests Package.swift" >&2
    exit 1
fi
echo "format-check: every Swift file is formatted as .swift-format says"
