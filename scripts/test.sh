#!/usr/bin/env bash
# The whole test suite: types, unit, integration (real PostgreSQL and Docker Engine) and
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

step "Type check"
npx tsc --noEmit || status=1

step "Unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=.data/test-results/unit.json || status=1

step "Integration tests (PostgreSQL, Docker Engine)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=.data/test-results/integration.json || status=1

step "Building the web app for end-to-end tests"
if npx next build > .data/next-build.log 2>&1; then
  step "End-to-end tests (Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME=.data/test-results/e2e.json npx playwright test --reporter=list,json || status=1
else
  tail -40 .data/next-build.log
  echo "next build failed: end-to-end tests not run"
  status=1
fi

npx tsx scripts/test-summary.ts .data/test-results || status=1
exit $status
