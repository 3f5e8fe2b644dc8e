// Several Mingle processes behind HAProxy (MINGLE_PROCESSES > 1; scripts/start.sh runs this).
// SIGHUP restarts the processes one at a time (scripts/rolling-restart.sh sends it); SIGTERM or
// Ctrl-C stops everything. docs/decisions/0021-several-processes-behind-haproxy.md
import path from "node:path";
import { clusterPlan } from "@/lib/cluster/cluster-plan";
import { startSupervisor } from "@/lib/cluster/supervisor";
import { env, EnvError } from "@/lib/env";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}
let plan: ReturnType<typeof clusterPlan>;
try {
  plan = clusterPlan({
    processes: config.MINGLE_PROCESSES,
    host: config.HOST,
    port: config.PORT,
    previewPort: config.PREVIEW_PORT,
    // As set, not env()'s default: left out, it follows PORT (HAProxy's), not a process's own port.
    publicUrl: process.env.PUBLIC_URL || undefined,
    previewOrigin: config.PREVIEW_ORIGIN,
    internalPort: config.MINGLE_INTERNAL_PORT,
  });
} catch (error) {
  fail((error as Error).message);
}

const supervisor = await startSupervisor({
  plan,
  dir: path.join(process.env.MINGLE_DATA_DIR ?? ".data", "haproxy"),
  env: process.env,
}).catch((error: Error) => fail(`The cluster did not start: ${error.message}`));
console.log(`[cluster] Mingle is up on ${plan.publicUrl} with ${plan.processes.length} processes (rolling restart: bash scripts/rolling-restart.sh)`);

const quit = (code: number) => void supervisor.stop().finally(() => process.exit(code));
process.on("SIGTERM", () => quit(0));
process.on("SIGINT", () => quit(0));
process.on("SIGHUP", () => void supervisor.rollingRestart().catch((error: Error) => console.error(`[cluster] rolling restart stopped: ${error.message}`)));
void supervisor.failed.then((error) => {
  console.error(`[cluster] ${error.message}; stopping`);
  quit(1);
});
