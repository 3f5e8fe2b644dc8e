import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { remember } from "@/lib/singleton";

/**
 * The process's Prometheus metrics, one registry (remembered: the custom server and Next's bundled
 * routes load separate module graphs and must count into the same one). Names and labels are
 * documented in docs/metrics.md; no label carries a person, a session or a lab id.
 *
 * Gauges of things another part owns (labs in the database, sockets, the pool) are read when
 * scraped, through probes that the owner sets (lib/app/slices.ts, lib/db.ts).
 */
export interface MetricProbes {
  liveLabs?: () => Promise<Array<{ host: string; status: string; count: number }>>;
  socketsConnected?: () => number;
  dbPool?: () => { total: number; idle: number; waiting: number };
  terminalQueuedBytes?: () => number;
}

function create() {
  const registry = new Registry();
  // Process CPU, memory, handles, GC and event-loop lag (nodejs_eventloop_lag_seconds and its percentiles), under prom-client's standard names.
  collectDefaultMetrics({ register: registry });
  const probes: MetricProbes = {};
  const registers = [registry];
  const metrics = {
    registry,
    probes,
    httpDuration: new Histogram({
      name: "mingle_http_request_duration_seconds",
      help: "HTTP requests served by this process (not socket.io), by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    bookingOperations: new Counter({
      name: "mingle_booking_operations_total",
      help: "Booking writes through the API (request, respond, cancel, ...), by operation and result code (OK or the error code)",
      labelNames: ["operation", "code"] as const,
      registers,
    }),
    bookingConflicts: new Counter({
      name: "mingle_booking_conflicts_total",
      help: "Booking writes refused with 409 (the slot, the person or the table was taken, a race lost), by operation and code",
      labelNames: ["operation", "code"] as const,
      registers,
    }),
    labLaunches: new Counter({
      name: "mingle_lab_launches_total",
      help: "Lab launches that finished, by template, host and outcome (ready, failed, cancelled)",
      labelNames: ["template", "host", "outcome"] as const,
      registers,
    }),
    labLaunchRefusals: new Counter({
      name: "mingle_lab_launch_refusals_total",
      help: "Lab launches refused before they started (no capacity, the per-person limit, ...), by template and code",
      labelNames: ["template", "code"] as const,
      registers,
    }),
    labLaunchDuration: new Histogram({
      name: "mingle_lab_launch_duration_seconds",
      help: "From the launch being admitted to the lab being ready, by template, host and whether a warm lab was used",
      labelNames: ["template", "host", "warm"] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
      registers,
    }),
    terminalBytes: new Counter({
      name: "mingle_terminal_bytes_total",
      help: "Bytes through lab terminals served by this process: output from the shells, input typed into them",
      labelNames: ["direction"] as const,
      registers,
    }),
  };
  new Gauge({
    name: "mingle_labs_live",
    help: "Labs not yet ended (all processes: read from the database), by host and status",
    labelNames: ["host", "status"] as const,
    registers,
    async collect() {
      if (!probes.liveLabs) return;
      const live = await probes.liveLabs().catch(() => null);
      if (!live) return; // the database is down: keep the last values rather than fail the scrape
      this.reset();
      for (const { host, status, count } of live) this.set({ host, status }, count);
    },
  });
  new Gauge({
    name: "mingle_sockets_connected",
    help: "socket.io connections open on this process",
    registers,
    collect() {
      if (probes.socketsConnected) this.set(probes.socketsConnected());
    },
  });
  new Gauge({
    name: "mingle_terminal_queued_bytes",
    help: "Terminal output this process holds for viewers' connections that have not taken it yet (bounded per viewer by flow control)",
    registers,
    collect() {
      if (probes.terminalQueuedBytes) this.set(probes.terminalQueuedBytes());
    },
  });
  new Gauge({
    name: "mingle_db_pool_connections",
    help: "PostgreSQL connections in this process's pool, by state (total, idle)",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const pool = probes.dbPool?.();
      if (!pool) return;
      this.set({ state: "total" }, pool.total);
      this.set({ state: "idle" }, pool.idle);
    },
  });
  new Gauge({
    name: "mingle_db_pool_waiting",
    help: "Queries waiting for a free connection in this process's pool",
    registers,
    collect() {
      const pool = probes.dbPool?.();
      if (pool) this.set(pool.waiting);
    },
  });
  return metrics;
}

export type AppMetrics = ReturnType<typeof create>;

export function appMetrics(): AppMetrics {
  return remember("metrics", create);
}
