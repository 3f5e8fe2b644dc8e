#!/usr/bin/env bash
# Quick start: install what is needed, prepare database, Docker Engine and lab images, seed the
# demo conference, build, and start Mingle on http://localhost:${PORT:-3000}.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

prepare
if [ "${MINGLE_PROCESSES:-1}" != 1 ]; then apt_install haproxy; fi
step "Seeding the demo conference"
npx tsx prisma/seed.ts
step "Building the web app (next build)"
mkdir -p .data
npx next build > .data/next-build.log 2>&1 || { tail -40 .data/next-build.log; die "next build failed (log: .data/next-build.log)"; }
echo "built"
step "Starting Mingle on ${PUBLIC_URL:-http://localhost:${PORT:-3000}}  (Ctrl-C stops it)"
cat <<'SIGNINS'
Demo sign-ins, password "mingle-demo-2017":
  organizer  organizer@mingle.test
  attendee   demo@mingle.test   (has sessions, offers and availability)
SIGNINS
ensure_secret
if [ "${MINGLE_PROCESSES:-1}" != 1 ]; then
  # Several processes behind HAProxy on the same port (docs/decisions/0021).
  exec env NODE_ENV=production npx tsx scripts/cluster.ts
fi
# The server's V8 flags: lib/cluster/server-command.ts says why.
exec env NODE_ENV=production NODE_OPTIONS="--max-semi-space-size=64 ${NODE_OPTIONS:-}" npx tsx server.ts
