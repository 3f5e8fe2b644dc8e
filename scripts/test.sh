#!/usr/bin/env bash
# The whole test suite: types, lint and format, unit, integration (real PostgreSQL and Docker Engine) and
# end-to-end (real Chromium against the real server). Prints one closing line with the totals.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
set -e
apt_install chromium
prepare
set +e

mkdir -p .data/test-results
rm -f .data/test-results/*.json
status=0

# The backing-host test bed (three TLS engines) starts in the background while types, lint, unit
# tests and the build run; the integration tests wait for it.
step "Starting the test engines (backing hosts over mutual TLS) in the background"
bash scripts/test-engines.sh start > .data/test-engines.log 2>&1 &
engines_pid=$!

step "Type check"
npx tsc --noEmit || status=1

step "Lint and format (Biome)"
npm run -s lint || status=1

step "Unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=.data/test-results/unit.json || status=1

# One production build serves the integration tests that start a server and the e2e tests.
step "Building the web app (next build)"
if npx next build > .data/next-build.log 2>&1; then
  built=1
else
  built=0
  tail -40 .data/next-build.log
  echo "next build failed: integration tests start their servers in development mode; end-to-end tests not run"
  status=1
fi

step "Integration tests (PostgreSQL, Docker Engine)"
if ! wait "$engines_pid"; then
  cat .data/test-engines.log
  echo "the test engines did not start: the backing-host tests will fail"
  status=1
fi
if [ "$built" = 1 ]; then export MINGLE_TEST_SERVER=production; fi
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=.data/test-results/integration.json || status=1

if [ "$built" = 1 ]; then
  step "End-to-end tests (Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME=.data/test-results/e2e.json npx playwright test --reporter=list,json || status=1
fi

npx tsx scripts/test-summary.ts .data/test-results || status=1
exit $status
