import type { z } from "zod";
import { authorize, socketActor, type LabAction, type LabParties } from "@/lib/labs/access";
import { ackPayload, attachPayload, detachPayload, inputPayload, resizePayload, type TerminalAck, type TerminalError } from "@/lib/labs/terminal-events";
import type { TerminalHubs } from "@/lib/labs/terminal-hubs";
import { validationFailure } from "@/lib/errors";
import { onSocketConnection, type MingleSocket, type SocketHandler } from "@/lib/realtime/server";

/**
 * socket.io edge of the shared lab terminal: validate (zod) → authorize (access rules, on every
 * event) → one call into the lab's TerminalHub. Read-only is enforced here and again in the hub.
 */
export interface TerminalLab extends LabParties {
  id: string;
}

export interface TerminalSocketDeps {
  hubs: TerminalHubs;
  findLab(labId: string): Promise<TerminalLab | null>;
  log?: (event: string, fields?: Record<string, unknown>) => void;
  /**
   * Consecutive events of one socket reuse a lab lookup this long (keystrokes and acks come in
   * bursts); the access rules themselves still run on every event.
   */
  labCacheMs?: number;
}

type Ack = ((res: TerminalAck<never> | TerminalAck<Record<string, unknown>>) => void) | undefined;

function refuse(ack: Ack, error: TerminalError): void {
  if (typeof ack === "function") ack({ ok: false, error });
}

function parse<S extends z.ZodType>(schema: S, raw: unknown, ack: Ack): z.infer<S> | null {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const f = validationFailure(r.error, "terminal message");
  refuse(ack, { code: f.code, message: f.message });
  return null;
}

type Queued = { data?: unknown };

function packetBytes(data: unknown): number {
  if (typeof data === "string") return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * What socket.io still holds in this process for one socket, in bytes: engine.io's write buffer
 * (packets waiting until the transport can take them: a websocket still busy, or a long-poll not
 * yet requested) plus, on a websocket, what ws has not yet handed to the kernel. This is the
 * server memory a client that stops reading makes us keep, whatever it acks. Neither is public
 * API (engine.io declares `writeBuffer` private), hence the narrow structural reading.
 */
export function transportQueuedBytes(socket: MingleSocket): number {
  const conn = socket.conn as unknown as { writeBuffer?: Queued[]; transport?: { socket?: { bufferedAmount?: unknown } } } | undefined;
  let n = 0;
  for (const packet of conn?.writeBuffer ?? []) n += packetBytes(packet.data);
  const ws = conn?.transport?.socket?.bufferedAmount;
  return n + (typeof ws === "number" ? ws : 0);
}

export function terminalSocketHandler(deps: TerminalSocketDeps): SocketHandler {
  const log = deps.log ?? (() => {});
  const cacheMs = deps.labCacheMs ?? 1000;
  return (socket: MingleSocket) => {
    const actor = socketActor(socket.data);
    const attached = new Set<string>();
    const cache = new Map<string, { lab: Promise<TerminalLab | null>; at: number }>();
    // One event at a time per socket: keystrokes must reach the shell in the order they were typed,
    // even when one of them waits for a lab lookup.
    let queue: Promise<void> = Promise.resolve();

    const check = async (action: LabAction, labId: string): Promise<TerminalError | null> => {
      let hit = cache.get(labId);
      if (!hit || Date.now() - hit.at > cacheMs) {
        hit = { lab: deps.findLab(labId), at: Date.now() };
        cache.set(labId, hit);
      }
      const lab = await hit.lab;
      if (!lab) return { code: "LAB_NOT_FOUND", message: "No such lab." };
      const allowed = authorize(action, actor, lab);
      return allowed.ok ? null : { code: allowed.code, message: allowed.message };
    };

    const guard = (event: string, fn: (raw: unknown, ack: Ack) => Promise<void>) => {
      socket.on(event, (raw: unknown, ack: Ack) => {
        queue = queue.then(() =>
          fn(raw, ack).catch((err: unknown) => {
            cache.delete((raw as { labId?: string } | null)?.labId ?? "");
            log("lab.terminal.socket_error", { event, userId: actor.id, error: String(err) });
            refuse(ack, { code: "UNAVAILABLE", message: "The terminal is unavailable; try again." });
          }),
        );
      });
    };

    guard("lab:attach", async (raw, ack) => {
      const p = parse(attachPayload, raw, ack);
      if (!p) return;
      const denied = await check("view", p.labId);
      if (denied) return refuse(ack, denied);
      const canType = (await check("type", p.labId)) === null;
      const labId = p.labId;
      const r = await deps.hubs.hub(labId).attach(
        {
          id: socket.id,
          canType,
          output: (data, opts) => socket.emit("lab:output", opts?.reset ? { labId, data, reset: true } : { labId, data }),
          ended: (reason) => {
            attached.delete(labId);
            socket.emit("lab:terminal-ended", { labId, reason });
          },
          queuedBytes: () => transportQueuedBytes(socket),
        },
        { cols: p.cols, rows: p.rows },
      );
      if (!r.ok) return refuse(ack, { code: r.code, message: r.message });
      attached.add(labId);
      log("lab.terminal.attached", { labId, userId: actor.id, canType });
      if (typeof ack === "function") ack({ ok: true, canType, replay: r.value.replay });
    });

    guard("lab:input", async (raw, ack) => {
      const p = parse(inputPayload, raw, ack);
      if (!p) return;
      const denied = await check("type", p.labId);
      if (denied) return refuse(ack, denied);
      const hub = deps.hubs.get(p.labId);
      const r = hub && attached.has(p.labId) ? hub.write(socket.id, p.data) : null;
      if (!r) return refuse(ack, { code: "NOT_ATTACHED", message: "Attach to the terminal first." });
      if (!r.ok) return refuse(ack, { code: r.code, message: r.message });
      if (typeof ack === "function") ack({ ok: true });
    });

    guard("lab:resize", async (raw, ack) => {
      const p = parse(resizePayload, raw, ack);
      if (!p) return;
      const denied = await check("view", p.labId);
      if (denied) return refuse(ack, denied);
      const r = attached.has(p.labId) ? deps.hubs.get(p.labId)?.resize(socket.id, { cols: p.cols, rows: p.rows }) : undefined;
      if (!r) return refuse(ack, { code: "NOT_ATTACHED", message: "Attach to the terminal first." });
      if (!r.ok) return refuse(ack, { code: r.code, message: r.message });
      if (typeof ack === "function") ack({ ok: true });
    });

    guard("lab:ack", async (raw) => {
      const p = parse(ackPayload, raw, undefined);
      if (!p || !attached.has(p.labId)) return;
      if (await check("view", p.labId)) return;
      deps.hubs.get(p.labId)?.ack(socket.id, p.bytes);
    });

    guard("lab:detach", async (raw, ack) => {
      const p = parse(detachPayload, raw, ack);
      if (!p) return;
      if (attached.delete(p.labId)) deps.hubs.get(p.labId)?.detach(socket.id);
      if (typeof ack === "function") ack({ ok: true });
    });

    socket.on("disconnect", () => {
      for (const labId of attached) deps.hubs.get(labId)?.detach(socket.id);
      attached.clear();
      cache.clear();
    });
  };
}

/** Adds the terminal handlers to every socket.io connection. */
export function registerTerminalSocket(deps: TerminalSocketDeps): void {
  onSocketConnection(terminalSocketHandler(deps));
}
