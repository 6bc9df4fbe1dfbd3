#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run the main job on the embedded
# database (kept in $PETITIONS_HOME; default /var/lib/petitions as root, else ~/.local/share/petitions): load the bundled real case
# and compare what outlets reported.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Deploy/setup.sh
swift build --product petitions
swift build --product petitions-worker
echo "demo: the binaries are in $(swift build --show-bin-path) (petitions, petitions-worker); Deploy/install.sh puts release builds on your PATH" >&2
.build/debug/petitions demo
