/**
 * Where each part of a several-process Mingle listens (MINGLE_PROCESSES > 1): HAProxy takes the
 * public port and the preview port; the server processes listen on 127.0.0.1 only, on internal
 * ports from `internalPort` up (two each: the app, then its preview listener), so nothing reaches a
 * process around HAProxy and the processes may trust its X-Forwarded-For.
 */
export const MAX_PROCESSES = 16;

export interface ProcessSlot {
  /** p1, p2, ...: HAProxy's server name and the stickiness cookie's value. */
  name: string;
  port: number;
  previewPort: number;
}

export interface ClusterPlan {
  host: string;
  port: number;
  previewPort: number;
  /** The URL people's browsers use (HAProxy's app front end): every process's PUBLIC_URL, so sockets from its pages are let in. */
  publicUrl: string;
  /** The preview origin people's browsers use (HAProxy's preview front end), which every process must sign for. */
  previewOrigin: string;
  processes: ProcessSlot[];
}

export interface ClusterPlanInput {
  processes: number;
  host: string;
  port: number;
  /** The public preview port; PORT + 1 when left out, as with one process. */
  previewPort?: number;
  /** PUBLIC_URL as set; http://localhost:PORT when left out (the processes' own ports are internal). */
  publicUrl?: string;
  previewOrigin?: string;
  /** First internal port; PORT + 10 when left out. */
  internalPort?: number;
}

export function clusterPlan(input: ClusterPlanInput): ClusterPlan {
  if (!Number.isInteger(input.processes) || input.processes < 1 || input.processes > MAX_PROCESSES)
    throw new RangeError(`MINGLE_PROCESSES must be a whole number from 1 to ${MAX_PROCESSES} (got ${input.processes})`);
  const previewPort = input.previewPort ?? input.port + 1;
  const first = input.internalPort ?? input.port + 10;
  const processes = Array.from({ length: input.processes }, (_, i) => ({ name: `p${i + 1}`, port: first + 2 * i, previewPort: first + 2 * i + 1 }));
  const last = first + 2 * input.processes - 1;
  if (last > 65535) throw new RangeError(`the internal ports ${first}-${last} run past 65535: choose a lower PORT or MINGLE_INTERNAL_PORT`);
  const taken = [input.port, previewPort];
  const clash = taken.find((p) => p >= first && p <= last);
  if (clash !== undefined) throw new RangeError(`port ${clash} is both public and one of the internal ports ${first}-${last}: set MINGLE_INTERNAL_PORT elsewhere`);
  return {
    host: input.host,
    port: input.port,
    previewPort,
    publicUrl: (input.publicUrl ?? `http://localhost:${input.port}`).replace(/\/+$/, ""),
    previewOrigin: (input.previewOrigin ?? `http://localhost:${previewPort}`).replace(/\/+$/, ""),
    processes,
  };
}
