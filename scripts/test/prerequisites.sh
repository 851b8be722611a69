#!/usr/bin/env bash
# The programs the test layers run besides Node, found or installed (scripts/test-all.mjs runs this first; see
# docs/testing.md): Debian's Chromium for the browser layer, and for the integration layer redis-server (the proxies'
# shared cache, docs/ha.md), prometheus and promtool (the exporter scraped by a real Prometheus, docs/exporter.md),
# python3-botocore, python3-boto3 and awscli (the simulator's conformance with other AWS clients, docs/simulator.md).
# Missing ones are installed with apt-get when running as root (CI, a container); otherwise this says what to install.
# It never fails the run: a layer whose program is missing fails its own tests, naming the program.
set -uo pipefail

apt_install() {
  local what="$1"
  shift
  if [ "$(id -u)" != "0" ]; then
    echo "missing $what: install it with: sudo apt-get install -y --no-install-recommends $* (not root here, so not installed); those tests will fail"
    return
  fi
  if ! command -v apt-get >/dev/null; then
    echo "missing $what and no apt-get here: install $* with this system's package manager; those tests will fail"
    return
  fi
  local started log
  started=$(date +%s)
  log=$(mktemp)
  if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
    echo "installed in $(($(date +%s) - started)) s: $(for p in "$@"; do printf '%s %s, ' "$p" "$(dpkg-query -W -f='${Version}' "$p")"; done)"
  else
    echo "apt-get could not install $* (those tests will fail); its last lines:"
    tail -n 20 "$log"
  fi
  rm -f "$log"
}

echo "== chromium (browser layer: test/browser)"
if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then
    echo "present: $CHROMIUM_PATH (CHROMIUM_PATH)"
  else
    echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable: the browser tests will fail"
  fi
elif [ -x /usr/bin/chromium ]; then
  echo "present: /usr/bin/chromium"
else
  apt_install "Chromium (/usr/bin/chromium)" chromium
fi

echo "== redis-server, prometheus, promtool, botocore, boto3, aws cli (integration layer)"
missing=""
for program in redis-server prometheus promtool aws; do
  [ -x "/usr/bin/$program" ] || missing="$missing $program"
done
/usr/bin/python3 -c "import botocore, boto3" 2>/dev/null || missing="$missing python3-botocore/python3-boto3"
if [ -z "$missing" ]; then
  echo "present: $(redis-server --version | cut -d' ' -f3), $(prometheus --version 2>&1 | head -n 1), botocore $(/usr/bin/python3 -c 'import botocore; print(botocore.__version__)'), $(/usr/bin/aws --version 2>&1 | cut -d' ' -f1)"
else
  apt_install "$missing" redis-server prometheus python3-botocore python3-boto3 awscli
fi
exit 0
