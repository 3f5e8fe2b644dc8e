#!/usr/bin/env bash
# Ensure a Docker Engine for live labs, or stop the project-local one.
#   scripts/docker-engine.sh          ensure an engine answers; print DOCKER_HOST=unix://...
#   scripts/docker-engine.sh stop     stop the project-local dockerd started by this script
# Idempotent. Starts dockerd (with gVisor registered as "runsc") only when nothing answers.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/.data/docker"
SOCK="$DIR/docker.sock"
PIDFILE="$DIR/docker.pid"
# runc/containerd put sockets under the exec root; unix socket paths are limited to 108 bytes,
# so the exec root lives in a short path keyed by the repo path.
EXEC_ROOT="/tmp/mingle-dx-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"

ping_sock() { # $1 = socket path
  [ -S "$1" ] || return 1
  curl -fsS --max-time 2 --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1
}

ping_host() { # $1 = DOCKER_HOST value
  case "$1" in
    unix://*) ping_sock "${1#unix://}" ;;
    *) return 1 ;; # tcp engines are configured by the operator; not probed here
  esac
}

stop_engine() {
  if [ ! -f "$PIDFILE" ]; then echo "no project-local dockerd running"; return 0; fi
  local pid; pid="$(cat "$PIDFILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then echo "dockerd $pid did not stop in 30 s" >&2; return 1; fi
  fi
  rm -f "$PIDFILE"
  echo "stopped project-local dockerd"
}

if [ "${1:-}" = "stop" ]; then stop_engine; exit $?; fi
if [ -n "${1:-}" ]; then echo "usage: $0 [stop]" >&2; exit 2; fi

if [ -n "${DOCKER_HOST:-}" ] && ping_host "$DOCKER_HOST"; then echo "DOCKER_HOST=$DOCKER_HOST"; exit 0; fi
if ping_sock "$SOCK"; then echo "DOCKER_HOST=unix://$SOCK"; exit 0; fi
if ping_sock /var/run/docker.sock; then echo "DOCKER_HOST=unix:///var/run/docker.sock"; exit 0; fi

if [ "$(id -u)" != 0 ] || [ ! -f /etc/debian_version ]; then
  echo "No Docker Engine answers, and starting one needs root on Debian." >&2
  echo "Start dockerd yourself and set DOCKER_HOST (e.g. unix:///var/run/docker.sock)." >&2
  exit 1
fi

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
[ -x /usr/bin/runsc ] || missing+=(runsc)
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx httpd || missing+=(busybox-static)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2 \
    || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2; }
fi

mkdir -p "$DIR/data" "$EXEC_ROOT"
cat > "$DIR/daemon.json" <<'JSON'
{"runtimes":{"runsc":{"path":"/usr/bin/runsc","runtimeArgs":["--network=none"]}}}
JSON

# A stale pidfile (dockerd killed hard) makes dockerd refuse to start.
if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then rm -f "$PIDFILE"; fi
rm -f "$SOCK"

setsid dockerd --bridge=none --iptables=false --ip-masq=false \
  --config-file "$DIR/daemon.json" \
  --data-root "$DIR/data" --exec-root "$EXEC_ROOT" \
  -H "unix://$SOCK" --pidfile "$PIDFILE" \
  >>"$DIR/dockerd.log" 2>&1 < /dev/null &

for _ in $(seq 1 150); do
  if ping_sock "$SOCK"; then echo "DOCKER_HOST=unix://$SOCK"; exit 0; fi
  sleep 0.2
done
echo "dockerd did not answer /_ping within 30 s; see $DIR/dockerd.log:" >&2
tail -n 20 "$DIR/dockerd.log" >&2 || true
exit 1
