#!/usr/bin/env bash
# Installs the tools archivists use to check what the monitor writes, into DIR (default bench-out/tools):
# warcio.js (npm) and ReplayWeb.page's built ui.js/sw.js (npm pack: its npm dependencies are bundled in
# those files), and Debian's Chromium. Prints DIR.   .ci/archivist-tools.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/bench-out/tools}"
mkdir -p "$dir"
if [ ! -x /usr/bin/chromium ]; then
  (apt-get update -qq && apt-get install -y -qq chromium) >&2
fi
if [ ! -x "$dir/node_modules/.bin/warcio" ]; then
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error warcio@2.4.11 >&2
fi
if [ ! -f "$dir/replaywebpage/ui.js" ]; then
  (cd "$dir" && npm pack --silent replaywebpage@2.5.3 >/dev/null && rm -rf package replaywebpage \
    && tar xzf replaywebpage-2.5.3.tgz && mv package replaywebpage && rm replaywebpage-2.5.3.tgz) >&2
fi
echo "$dir"
