import type { ContainerEvent } from "@/lib/docker/engine";

/** What the Engine API sends on the wire, read into plain values: multiplexed output and event lines. */

/** Splits Docker's multiplexed stdout/stderr framing (8-byte headers) of a non-TTY stream. */
export function demuxDockerStream(buf: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const kind = buf[i];
    const size = buf.readUInt32BE(i + 4);
    const chunk = buf.subarray(i + 8, i + 8 + size);
    (kind === 2 ? err : out).push(chunk);
    i += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

/** One line of the engine's event stream (JSON), as a ContainerEvent; null for anything else. */
export function parseContainerEvent(line: string): ContainerEvent | null {
  if (!line.trim()) return null;
  let raw: { Type?: string; Action?: string; id?: string; time?: number; timeNano?: number; Actor?: { ID?: string; Attributes?: Record<string, string> } };
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const containerId = raw.Actor?.ID ?? raw.id;
  if (raw.Type !== "container" || !raw.Action || !containerId) return null;
  const { exitCode, ...labels } = raw.Actor?.Attributes ?? {};
  const at = raw.timeNano ? new Date(Math.floor(raw.timeNano / 1e6)) : new Date((raw.time ?? Date.now() / 1000) * 1000);
  return { containerId, action: raw.Action, labels, at, ...(exitCode !== undefined && /^-?\d+$/.test(exitCode) ? { exitCode: Number(exitCode) } : {}) };
}
