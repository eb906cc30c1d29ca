#!/usr/bin/env bash
# Installs exactly what is missing to build, run and test Throughline on Debian 12:
# Debian packages through apt-get, the web app's npm packages through `npm ci`.
# Idempotent: a second run installs nothing and takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build ccache pkg-config make git curl
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsodium-dev libcli11-dev libpq-dev postgresql
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk chromium
)
# Node.js and npm build the web app; install them only when absent (a newer Node may be on
# the machine already).
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Vite 7 needs Node.js 20.19 or newer; Debian 12's own nodejs package is 18.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "bootstrap: the web app needs Node.js 20.19 or newer; found $(node --version)." >&2
  echo "bootstrap: install a current Node.js (e.g. the nodejs package of NodeSource) and rerun." >&2
  exit 1
fi

# npm ci when node_modules is absent or older than the lock file. Browsers are never
# downloaded: the end-to-end tests drive Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ web/package-lock.json -nt "$stamp" ]; then
    echo "bootstrap: npm ci (web)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
