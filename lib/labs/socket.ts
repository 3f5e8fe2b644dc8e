import { labRoom, labUseCaseDeps } from "@/lib/labs/deps";
import { getLab } from "@/lib/labs/get-lab";
import { watchInput, type LabWatchAck } from "@/lib/labs/schema";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import { logger } from "@/lib/log";
import { onSocketConnection, type MingleSocket } from "@/lib/realtime/server";
import { remember } from "@/lib/singleton";

/**
 * Socket events of the lab page (the terminal's own events are in lib/labs/terminal-socket.ts):
 * - `lab:watch` {labId}, ack → {ok:true, lab} | {ok:false, error:{code,message}}: joins room
 *   `lab:<id>` after the same view check as GET /api/v1/labs/{id}; the room receives `lab:status`.
 * - `lab:unwatch` {labId}: leaves the room.
 */
export function handleLabSocket(socket: MingleSocket, deps: () => LabUseCaseDeps = labUseCaseDeps): void {
  socket.on("lab:watch", async (payload: unknown, ack: unknown) => {
    const reply = typeof ack === "function" ? (ack as (r: LabWatchAck) => void) : () => {};
    const parsed = watchInput.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: { code: "VALIDATION_FAILED", message: "Send {labId} with a lab id." } });
    try {
      const user = { id: socket.data.userId, role: socket.data.role, name: socket.data.name };
      const lab = await getLab(deps(), user, parsed.data.labId);
      if (!lab.ok) return reply({ ok: false, error: { code: lab.code, message: lab.message } });
      await socket.join(labRoom(lab.value.id));
      reply({ ok: true, lab: lab.value });
    } catch (error) {
      logger.error("labs.watch_failed", { labId: parsed.data.labId, error: String(error) });
      reply({ ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } });
    }
  });
  socket.on("lab:unwatch", async (payload: unknown) => {
    const parsed = watchInput.safeParse(payload);
    if (parsed.success) await socket.leave(labRoom(parsed.data.labId));
  });
}

export function registerLabSocket(): void {
  remember("labs.socketRegistered", () => {
    onSocketConnection((socket) => handleLabSocket(socket));
    return true;
  });
}
