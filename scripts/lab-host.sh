#!/usr/bin/env bash
# Makes this Debian machine a Mingle backing host: a Docker Engine that only Mingle can reach, over
# mutual TLS with certificates from Mingle's CA. Run as root.
#   lab-host.sh join MINGLE_URL TOKEN [--name NAME] [--address IP] [--port 2376] [--dir DIR]
#       installs docker.io (and runsc when Debian has it) if missing, makes the host's key (it never
#       leaves this machine), checks Mingle's CA against the token's digest, sends a CSR, writes the
#       certificate and starts dockerd with --tlsverify on tcp://IP:PORT. Again later: starts dockerd
#       if it is not running (the token is needed only once).
#   lab-host.sh renew [--force] [--dir DIR]   renews the certificate once a third of its life is left
#                                             (run it daily from cron); restarts dockerd, labs keep running
#   lab-host.sh stop [--dir DIR]              stops this host's dockerd
# DIR defaults to /var/lib/mingle-host (MINGLE_HOST_DIR). Settings from a join are kept in DIR/host.env.
set -euo pipefail

die() { printf 'lab-host: %s\n' "$*" >&2; exit 1; }
say() { printf 'lab-host: %s\n' "$*" >&2; }

command_name="${1:-}"
[ -n "$command_name" ] && shift
DIR="${MINGLE_HOST_DIR:-/var/lib/mingle-host}"
NAME="${MINGLE_HOST_NAME:-}"
ADDRESS="${MINGLE_HOST_ADDRESS:-}"
PORT="${MINGLE_HOST_PORT:-2376}"
FORCE=0
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --name) NAME="${2:?--name needs a value}"; shift 2 ;;
    --address) ADDRESS="${2:?--address needs a value}"; shift 2 ;;
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    --dir) DIR="${2:?--dir needs a value}"; shift 2 ;;
    --force) FORCE=1; shift ;;
    -*) die "unknown option $1" ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ "$(id -u)" = 0 ] || die "run as root: it installs packages and starts dockerd"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
KEY="$DIR/key.pem"; CERT="$DIR/cert.pem"; CA="$DIR/ca.pem"; SETTINGS="$DIR/host.env"
PIDFILE="$DIR/docker.pid"; SOCK="$DIR/docker.sock"
# containerd's sockets live under the exec root; unix socket paths are limited to 108 bytes.
EXEC_ROOT="/run/mingle-host-$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)"

# --- helpers -------------------------------------------------------------------------------------

json_string() { # a JSON string field of a flat JSON object on stdin ($1 = field); PEM text needs no more
  sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -1 | sed 's/\\n/\n/g; s/\\\//\//g'
}
json_pem() { awk 'BEGIN { ORS = "" } { gsub(/\r/, ""); print $0 "\\n" }' "$1"; }
digest_of() { openssl x509 -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }

# POST JSON to Mingle; prints the body, or dies with Mingle's own sentence.
post() { # $1 = url, $2 = body file
  local out code
  out="$(mktemp)"
  code="$(curl -sS --max-time 30 -o "$out" -w '%{http_code}' -H 'content-type: application/json' --data-binary "@$2" "$1")" || { rm -f "$out"; die "could not reach $1"; }
  if [ "$code" != 200 ]; then
    local message; message="$(json_string message < "$out")"
    rm -f "$out"
    die "Mingle refused ($code): ${message:-no reason given}"
  fi
  cat "$out"; rm -f "$out"
}

install_missing() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  # gVisor for the strongest lab isolation, when this Debian has it.
  [ -x /usr/bin/runsc ] || { apt-cache show runsc >/dev/null 2>&1 && missing+=(runsc); } || true
  [ ${#missing[@]} -eq 0 ] && return 0
  [ -f /etc/debian_version ] || die "missing ${missing[*]}; install them (this script installs them only on Debian)"
  say "installing ${missing[*]} from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

ping_local() { [ -S "$SOCK" ] && curl -fsS --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

stop_dockerd() {
  running || { rm -f "$PIDFILE"; return 0; }
  local pid; pid="$(cat "$PIDFILE")"
  kill -TERM "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && die "dockerd $pid did not stop in 30 s"
  rm -f "$PIDFILE"
}

start_dockerd() {
  if running && ping_local; then return 0; fi
  rm -f "$PIDFILE" "$SOCK"
  mkdir -p "$DIR/data" "$EXEC_ROOT"
  if [ -x /usr/bin/runsc ]; then
    printf '{"runtimes":{"runsc":{"path":"/usr/bin/runsc","runtimeArgs":["--network=none"]}}}\n' > "$DIR/daemon.json"
  else
    printf '{}\n' > "$DIR/daemon.json"
  fi
  # Labs run with no network (NetworkMode none) or share one lab container's, so no bridge is made.
  # --live-restore keeps the labs running while dockerd restarts for a renewed certificate.
  setsid dockerd --bridge=none --iptables=false --ip-masq=false --live-restore \
    --config-file "$DIR/daemon.json" --data-root "$DIR/data" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
    -H "unix://$SOCK" -H "tcp://$ADDRESS:$PORT" \
    --tlsverify --tlscacert "$CA" --tlscert "$CERT" --tlskey "$KEY" \
    >>"$DIR/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 1 150); do ping_local && return 0; sleep 0.2; done
  tail -n 20 "$DIR/dockerd.log" >&2 || true
  die "dockerd did not answer within 30 s; see $DIR/dockerd.log"
}

# Writes the certificate Mingle answered with, after checking it chains to the pinned CA and is for this key.
take_certificate() { # $1 = Mingle's JSON answer
  local new="$DIR/cert.pem.new"
  json_string certPem <<<"$1" > "$new"
  openssl verify -CAfile "$CA" "$new" >/dev/null 2>&1 || { rm -f "$new"; die "the certificate Mingle sent does not chain to its CA: not using it"; }
  [ "$(openssl x509 -in "$new" -noout -pubkey)" = "$(openssl pkey -in "$KEY" -pubout)" ] || { rm -f "$new"; die "the certificate Mingle sent is not for this host's key"; }
  mv "$new" "$CERT"
}

not_after() { openssl x509 -in "$CERT" -noout -enddate | cut -d= -f2; }

# --- commands ------------------------------------------------------------------------------------

join() {
  [ ${#positional[@]} -eq 2 ] || die "usage: lab-host.sh join MINGLE_URL TOKEN [--name NAME] [--address IP] [--port 2376] [--dir DIR]"
  local url="${positional[0]%/}" token="${positional[1]}"
  [ -n "$NAME" ] || NAME="$(hostname -s | tr 'A-Z_.' 'a-z--' | cut -c1-40)"
  [ -n "$ADDRESS" ] || ADDRESS="$(hostname -I 2>/dev/null | awk '{print $1}')"
  [[ "$NAME" =~ ^[a-z0-9][a-z0-9-]{0,39}$ ]] || die "--name: 1 to 40 lowercase letters, digits and dashes (got \"$NAME\")"
  [[ "$ADDRESS" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || die "--address: the IPv4 address Mingle reaches this host at (got \"$ADDRESS\")"
  [[ "$PORT" =~ ^[0-9]{1,5}$ ]] || die "--port: a port number (got \"$PORT\")"
  install_missing
  chmod 700 "$DIR"

  if [ -s "$CERT" ] && [ -s "$KEY" ] && [ -s "$CA" ] && openssl x509 -in "$CERT" -noout -checkend 0 >/dev/null 2>&1; then
    say "already joined (certificate valid until $(not_after)); starting dockerd if needed"
  else
    [[ "$token" =~ ^MGLTKN-1-([0-9a-f]{64})-[0-9a-z]{25}$ ]] || die "that is not a Mingle join token (MGLTKN-1-...); copy it again from the Hosts page"
    local pinned="${BASH_REMATCH[1]}"
    # The CA is trusted only if it is the one the token names: a machine in between cannot swap it.
    curl -fsS --max-time 30 "$url/api/v1/hosts/ca" | json_string certPem > "$CA.new" || die "could not fetch Mingle's CA from $url"
    local got; got="$(digest_of "$CA.new" 2>/dev/null || true)"
    [ "$got" = "$pinned" ] || { rm -f "$CA.new"; die "the CA that $url sent (sha256 ${got:-unreadable}) is not the one the token names ($pinned): not joining"; }
    mv "$CA.new" "$CA"
    [ -s "$KEY" ] || (umask 077 && openssl genrsa -out "$KEY" 2048 2>/dev/null)
    chmod 600 "$KEY"
    local body; body="$(mktemp)"
    openssl req -new -key "$KEY" -subj "/CN=$NAME" -out "$DIR/host.csr"
    printf '{"token":"%s","name":"%s","engineUrl":"tcp://%s:%s","csrPem":"%s"}' "$token" "$NAME" "$ADDRESS" "$PORT" "$(json_pem "$DIR/host.csr")" > "$body"
    local answer; answer="$(post "$url/api/v1/hosts/join" "$body")"; rm -f "$body"
    take_certificate "$answer"
    printf 'MINGLE_URL=%s\nNAME=%s\nADDRESS=%s\nPORT=%s\n' "$url" "$NAME" "$ADDRESS" "$PORT" > "$SETTINGS"
    stop_dockerd # a dockerd from an earlier join presents the old certificate
  fi
  # shellcheck disable=SC1090
  [ -f "$SETTINGS" ] && source "$SETTINGS"
  start_dockerd
  say "joined as $NAME: Mingle reaches this host at tcp://$ADDRESS:$PORT (certificate valid until $(not_after))"
}

renew() {
  [ -f "$SETTINGS" ] && [ -s "$CERT" ] || die "not joined yet: run lab-host.sh join first"
  # shellcheck disable=SC1090
  source "$SETTINGS"
  local start end now
  start="$(date -d "$(openssl x509 -in "$CERT" -noout -startdate | cut -d= -f2)" +%s)"
  end="$(date -d "$(not_after)" +%s)"
  now="$(date +%s)"
  if [ "$FORCE" != 1 ] && [ $((end - now)) -gt $(((end - start) / 3)) ]; then
    say "not due: the certificate is valid until $(not_after); renewing once a third of its life is left"
    return 0
  fi
  local body; body="$(mktemp)"
  openssl req -new -key "$KEY" -subj "/CN=$NAME" -out "$DIR/host.csr"
  printf '{"certPem":"%s","csrPem":"%s"}' "$(json_pem "$CERT")" "$(json_pem "$DIR/host.csr")" > "$body"
  local answer; answer="$(post "$MINGLE_URL/api/v1/hosts/renew" "$body")"; rm -f "$body"
  take_certificate "$answer"
  stop_dockerd
  start_dockerd
  say "renewed: the certificate is valid until $(not_after)"
}

case "$command_name" in
  join) join ;;
  renew) renew ;;
  stop) stop_dockerd; rm -rf "$EXEC_ROOT"; say "stopped" ;;
  *) die "usage: lab-host.sh join MINGLE_URL TOKEN [options] | renew [--force] | stop   (see the top of this file)" ;;
esac
