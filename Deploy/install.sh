#!/usr/bin/env bash
# Builds release binaries of petitions and petitions-worker and installs them into a prefix
# (default /usr/local, where the systemd units in Deploy/systemd look for them).
#
#   bash Deploy/install.sh                 # /usr/local/bin/petitions, /usr/local/bin/petitions-worker
#   PREFIX=$HOME/.local bash Deploy/install.sh
#
# Installs what is missing first (Deploy/setup.sh). The binaries carry the schema migrations, so
# nothing else from the source tree is needed at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/usr/local}"
bash Deploy/setup.sh
echo "install: building release binaries (a cold build takes several minutes)" >&2
swift build -c release --product petitions
swift build -c release --product petitions-worker
bin="$(swift build -c release --show-bin-path)"
if [ -w "$prefix" ] || { [ ! -e "$prefix" ] && [ -w "$(dirname "$prefix")" ]; }; then sudo=(); else sudo=(sudo); fi
"${sudo[@]}" install -d "$prefix/bin"
"${sudo[@]}" install -m 0755 "$bin/petitions" "$bin/petitions-worker" "$prefix/bin/"
echo "install: installed $prefix/bin/petitions and $prefix/bin/petitions-worker" >&2
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "install: $prefix/bin is not on your PATH; add it, or run them by their full path" >&2 ;;
esac
