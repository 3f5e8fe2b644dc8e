# Shared by scripts/start.sh and scripts/test.sh: make this machine ready to run Mingle.
# Idempotent; every step says what it does. Source it, then call prepare.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NEXT_TELEMETRY_DISABLED=1
export PRISMA_HIDE_UPDATE_MESSAGE=1

step() { printf '\n\033[1;34m▶ %s\033[0m\n' "$*"; }
die() { printf '\n\033[1;31m✖ %s\033[0m\n' "$*" >&2; exit 1; }

is_root_debian() { [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; }

apt_install() { # packages that are missing get installed (root on Debian only)
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root_debian || die "Missing system packages: ${missing[*]}. Install them (Debian: apt-get install ${missing[*]}) and run again."
  step "Installing ${missing[*]} from Debian"
  if [ -z "${MINGLE_APT_UPDATED:-}" ]; then apt-get update -qq; export MINGLE_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

node_deps() {
  command -v node >/dev/null || die "Node.js 20.19+ is required."
  local stamp="$ROOT/node_modules/.mingle-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/package-lock.json" "$stamp"; then
    step "Installing npm packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
    cp "$ROOT/package-lock.json" "$stamp"
  fi
  step "Generating the Prisma client"
  (cd "$ROOT" && npm run -s db:generate >/dev/null) || die "prisma generate failed"
}

ensure_postgres() {
  local url host port
  url="${DATABASE_URL:-postgresql://root@127.0.0.1:5432/mingle}"
  host="$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname)' "$url")"
  port="$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||5432)' "$url")"
  if pg_isready -q -h "$host" -p "$port" 2>/dev/null || (echo > "/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
  if ! is_root_debian; then
    die "No PostgreSQL answers at $host:$port. Start one, or set DATABASE_URL=postgresql://USER@HOST:PORT/mingle (see .env.example)."
  fi
  apt_install postgresql
  local version; version="$(ls /etc/postgresql | sort -V | tail -1)"
  step "Starting PostgreSQL $version"
  # Local development only: trust connections from this machine, as the demo URL has no password.
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  grep -q "mingle-local-trust" "$hba" || sed -i '1i host all all 127.0.0.1/32 trust # mingle-local-trust\nhost all all ::1/128 trust # mingle-local-trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
  su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='root'\"" | grep -q 1 || su postgres -c "createuser -s root"
  pg_isready -q -h "$host" -p "$port" || die "PostgreSQL did not start; see /var/log/postgresql."
}

redis_answers() { # PING over bash's /dev/tcp, so no redis-cli is needed to ask
  local host="$1" port="$2" reply
  { exec 9<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&9
  read -r -t 2 reply <&9 || true
  exec 9<&- 9>&-
  [[ "$reply" == "+PONG"* || "$reply" == "-NOAUTH"* ]]
}

ensure_redis() {
  local url host port
  url="${REDIS_URL:-redis://127.0.0.1:6379}"
  host="$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname)' "$url")"
  port="$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||6379)' "$url")"
  redis_answers "$host" "$port" && return 0
  case "$host" in 127.0.0.1 | localhost | ::1) ;; *) die "No Redis answers at REDIS_URL ($url). Start one there, or set REDIS_URL=redis://HOST:PORT (see .env.example)." ;; esac
  is_root_debian || die "No Redis answers at REDIS_URL ($url). Start one (redis-server --port $port), or set REDIS_URL=redis://HOST:PORT (see .env.example)."
  apt_install redis-server
  step "Starting Redis on $host:$port"
  mkdir -p "$ROOT/.data/redis"
  # Ephemeral by design: nothing Mingle keeps in Redis must outlive a restart (docs/decisions/0019).
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$ROOT/.data/redis" --logfile "$ROOT/.data/redis/redis.log" >/dev/null
  for _ in $(seq 1 30); do redis_answers "$host" "$port" && return 0; sleep 0.2; done
  die "Redis did not start on $host:$port; see .data/redis/redis.log."
}

ensure_docker() {
  step "Docker Engine for live labs"
  local line
  if line="$(bash "$ROOT/scripts/docker-engine.sh")"; then
    export "${line?}"
    echo "$line"
    # vm labs boot under qemu, in a container built from this machine's qemu (lib/labs/vm-images.ts).
    if is_root_debian; then apt_install qemu-system-x86; fi
    step "Building lab images"
    (cd "$ROOT" && npx tsx scripts/build-lab-images.ts) || die "building lab images failed"
  else
    printf 'No Docker Engine: the app runs, labs show as unavailable.\n'
  fi
}

ensure_secret() { # the session secret: NEXTAUTH_SECRET if set, else one made once and kept in the data folder
  [ -n "${NEXTAUTH_SECRET:-}" ] && return 0
  local dir="${MINGLE_DATA_DIR:-$ROOT/.data}"
  local file="$dir/nextauth-secret"
  if [ ! -s "$file" ]; then
    step "Generating a session secret in $file (delete it to sign everyone out)"
    mkdir -p "$dir"
    # umask first, so the secret is never readable by others, not even for a moment.
    (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))' > "$file.tmp" && mv "$file.tmp" "$file") \
      || die "could not write $file"
  fi
  chmod 600 "$file"
  NEXTAUTH_SECRET="$(cat "$file")"
  export NEXTAUTH_SECRET
}

prepare() {
  node_deps
  step "PostgreSQL"
  ensure_postgres
  (cd "$ROOT" && npx tsx scripts/migrate.ts) || die "migrations failed"
  step "Redis"
  ensure_redis
  ensure_docker
}
