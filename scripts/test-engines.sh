#!/usr/bin/env bash
# The multi-engine test bed: three extra dockerd on this machine, each reached only over mutual TLS
# with certificates from Mingle's CA (HOSTS_PKI_DIR, lib/hosts/pki), as real backing hosts are.
#   scripts/test-engines.sh start   ensure all three answer; print "NAME URL RUNTIMES" per engine
#   scripts/test-engines.sh stop    stop them
# bed-2 and bed-3 (127.0.0.2, 127.0.0.3) offer runc and gVisor (runsc); bed-4 (127.0.0.4) only runc.
# Idempotent: an engine that answers is left alone. Needs root on Debian (as scripts/docker-engine.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/.data/test-engines"
PKI="${HOSTS_PKI_DIR:-$ROOT/.data/hosts-pki}"
case "$PKI" in /*) ;; *) PKI="$ROOT/$PKI" ;; esac
export HOSTS_PKI_DIR="$PKI"
PORT="${TEST_ENGINES_PORT:-2376}" # another port when a second checkout on this machine runs its own bed
ENGINES=(2 3 4)
# Unix socket paths are limited to 108 bytes: exec roots live in a short path keyed by the repo path.
KEY="$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"

name_of() { echo "bed-$1"; }
dir_of() { echo "$DIR/bed-$1"; }
url_of() { echo "tcp://127.0.0.$1:$PORT"; }

ping_engine() { # $1 = engine number; answers only to Mingle's client certificate
  local d; d="$(dir_of "$1")"
  [ -f "$d/ca.pem" ] && [ -f "$PKI/client.pem" ] || return 1
  curl -fsS --max-time 2 --cacert "$d/ca.pem" --cert "$PKI/client.pem" "https://127.0.0.$1:$PORT/_ping" >/dev/null 2>&1
}

stop_engine() { # $1 = engine number
  local pidfile pid; pidfile="$(dir_of "$1")/docker.pid"
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then echo "dockerd $pid ($(name_of "$1")) did not stop in 30 s" >&2; return 1; fi
  fi
  rm -f "$pidfile"
}

start_engine() { # $1 = engine number
  local n="$1" d exec_root config=()
  d="$(dir_of "$n")"
  exec_root="/tmp/mingle-te$n-$KEY"
  mkdir -p "$d/data" "$exec_root"
  if [ "$n" != 4 ]; then
    printf '{"runtimes":{"runsc":{"path":"/usr/bin/runsc","runtimeArgs":["--network=none"]}}}\n' > "$d/daemon.json"
    config=(--config-file "$d/daemon.json")
  fi
  # A stale pidfile (dockerd killed hard) makes dockerd refuse to start.
  if [ -f "$d/docker.pid" ] && ! kill -0 "$(cat "$d/docker.pid")" 2>/dev/null; then rm -f "$d/docker.pid"; fi
  setsid dockerd --bridge=none --iptables=false --ip-masq=false "${config[@]}" \
    --data-root "$d/data" --exec-root "$exec_root" --pidfile "$d/docker.pid" \
    -H "$(url_of "$n")" --tlsverify --tlscacert "$d/ca.pem" --tlscert "$d/cert.pem" --tlskey "$d/key.pem" \
    >>"$d/dockerd.log" 2>&1 < /dev/null &
}

wait_engine() { # $1 = engine number
  for _ in $(seq 1 150); do ping_engine "$1" && return 0; sleep 0.2; done
  echo "$(name_of "$1") did not answer /_ping within 30 s; see $(dir_of "$1")/dockerd.log:" >&2
  tail -n 20 "$(dir_of "$1")/dockerd.log" >&2 || true
  return 1
}

if [ "${1:-}" = "stop" ]; then
  code=0
  for n in "${ENGINES[@]}"; do stop_engine "$n" || code=1; done
  [ "$code" = 0 ] && echo "stopped the test engines"
  exit "$code"
fi
if [ "${1:-}" != "start" ]; then echo "usage: $0 start|stop" >&2; exit 2; fi

if [ "$(id -u)" != 0 ] || ! command -v dockerd >/dev/null; then
  echo "The test engines need root and dockerd (Debian: apt-get install docker.io runsc)." >&2
  exit 1
fi

cd "$ROOT"
# One call signs what is missing or due (and Mingle's client identity); an engine whose certificate
# was made again restarts to present it.
cert_args=()
for n in "${ENGINES[@]}"; do cert_args+=("$(name_of "$n")" "127.0.0.$n" "$(dir_of "$n")"); done
issued="$(npx tsx scripts/host-cert.ts "${cert_args[@]}")"

pending=()
for n in "${ENGINES[@]}"; do
  if grep -qx "issued $(name_of "$n")" <<<"$issued"; then stop_engine "$n"; fi
  if ! ping_engine "$n"; then start_engine "$n"; pending+=("$n"); fi
done
for n in "${pending[@]}"; do wait_engine "$n"; done

urls=()
for n in "${ENGINES[@]}"; do urls+=(--host "$(url_of "$n")"); done
npx tsx scripts/build-lab-images.ts "${urls[@]}" >&2

for n in "${ENGINES[@]}"; do
  if [ "$n" = 4 ]; then runtimes=runc; else runtimes=runc,runsc; fi
  echo "$(name_of "$n") $(url_of "$n") $runtimes"
done
