import { availabilityChanged } from "@/lib/booking/deps";
import { startBookingJobs, stopBookingJobs } from "@/lib/booking/jobs";
import { startLabReservations, stopLabReservations } from "@/lib/booking/lab-reservations";
import { followHostRecords, hostsBroadcast } from "@/lib/hosts/deps";
import { registerHostSocket } from "@/lib/hosts/socket";
import { followLabs, labRuntime, leadLabs, startLabs, stopLabs } from "@/lib/labs/deps";
import { followMatchIndex } from "@/lib/offers/deps";
import { registerLabSocket } from "@/lib/labs/socket";
import type { TerminalMeter } from "@/lib/labs/terminal-options";
import { startTerminals, stopTerminals } from "@/lib/labs/terminal-runtime";
import { appMetrics } from "@/lib/metrics/registry";
import type { MingleServer } from "@/lib/realtime/server";
import type { TerminalHubs } from "@/lib/labs/terminal-hubs";
import { db } from "@/lib/db";
import { startTemplateCatalogue, stopTemplateCatalogue } from "@/lib/templates/jobs";
import { userTemplateRepo } from "@/lib/templates/repo";
import { startRecorders, stopRecorders } from "@/lib/recordings/recorders-runtime";
import { startRecordingRetention, stopRecordingRetention } from "@/lib/recordings/retention-task";
import { holdsJobsLease, startJobsLease, stopJobsLease } from "./jobs-lease";

/**
 * The composition root for background work: each slice's start/stop (lab reaper, warm pool,
 * reconciliation, terminal hubs and their recorders, booking sweeps) is wired here, so the realtime infrastructure
 * never imports a slice. server.ts calls these once the socket server exists.
 *
 * With several server processes, work splits in two (docs/decisions/0019-redis-for-shared-ephemeral-state.md):
 * - on every process: what serves its own requests and sockets, or keeps its own memory current
 *   (socket handlers, broadcasts and the bus, the template catalogue, each host's engine events
 *   and health for this process's registry, terminal hubs);
 * - once per deployment, on the holder of the jobs lease (lib/app/jobs-lease.ts): what acts on
 *   shared things and would act N times otherwise (the warm pool, reconciliation, failover, the
 *   lab reaper, booking sweeps and reminders, lab reservations, recording retention).
 */
export async function startSlices(io: MingleServer): Promise<void> {
  registerLabSocket();
  registerHostSocket();
  // Subscribed now, so this process hears changes made on the others before it makes any.
  availabilityChanged();
  hostsBroadcast();
  followHostRecords();
  followMatchIndex();
  // People's own templates join the catalogue before the labs runtime reconciles labs that run them.
  startTemplateCatalogue(userTemplateRepo(db));
  startLabs(holdsJobsLease);
  const recorders = startRecorders();
  const terminals = startTerminals({ tap: (labId) => recorders.tap(labId), meter: terminalMeter() });
  measureSlices(io, terminals);
  startJobsLease({
    async lead() {
      startRecordingRetention();
      startBookingJobs();
      startLabReservations();
      await leadLabs();
    },
    async follow() {
      await Promise.all([stopBookingJobs(), stopLabReservations(), stopRecordingRetention()]);
      await followLabs();
    },
  });
}

/** What /metrics reads from the slices when scraped (lib/metrics/registry.ts). */
function measureSlices(io: MingleServer, terminals: TerminalHubs): void {
  const { probes } = appMetrics();
  probes.socketsConnected = () => io.of("/").sockets.size;
  probes.terminalQueuedBytes = () => terminals.queuedBytes();
  probes.liveLabs = async () => {
    const counts = new Map<string, { host: string; status: string; count: number }>();
    for (const lab of await labRuntime().repo.listLive()) {
      const key = `${lab.engineId}\n${lab.status}`;
      const c = counts.get(key) ?? { host: lab.engineId, status: lab.status, count: 0 };
      c.count++;
      counts.set(key, c);
    }
    return [...counts.values()];
  };
}

/** Every lab terminal's bytes counted once per hub (not per viewer), on every process that serves the lab. */
function terminalMeter(): TerminalMeter {
  const bytes = appMetrics().terminalBytes;
  const output = bytes.labels({ direction: "output" });
  const input = bytes.labels({ direction: "input" });
  return { output: (n) => output.inc(n), input: (n) => input.inc(n) };
}

export async function stopSlices(): Promise<void> {
  // First: another process takes the jobs over while this one finishes.
  await stopJobsLease();
  stopTerminals();
  stopTemplateCatalogue();
  await stopRecorders();
  await stopLabs();
}
