#!/usr/bin/env bash
# Restarts a several-process Mingle (MINGLE_PROCESSES > 1) one process at a time, without taking it
# down: sends SIGHUP to the supervisor scripts/start.sh runs. Its progress shows in the start
# command's output.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
state="${MINGLE_DATA_DIR:-$ROOT/.data}/haproxy/cluster.json"
[ -f "$state" ] || die "No several-process Mingle is running here ($state is missing). Start one with MINGLE_PROCESSES=2 bash scripts/start.sh."
pid="$(node -e 'console.log(JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).supervisor)' "$state")"
kill -0 "$pid" 2>/dev/null || die "The supervisor named in $state (pid $pid) is not running."
kill -HUP "$pid"
echo "Rolling restart started (supervisor pid $pid): each process drains, restarts and rejoins HAProxy in turn; see the start command's output."
