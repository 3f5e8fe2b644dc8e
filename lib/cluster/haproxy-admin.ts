import { createConnection } from "node:net";

/** One server line of HAProxy's `show stat`: its proxy (backend), name and check status ("UP", "DOWN", "UP 1/2", "MAINT", ...). */
export interface ServerState {
  proxy: string;
  server: string;
  status: string;
}

/** The server rows of `show stat` CSV (its header line starts with "# "); the FRONTEND and BACKEND summary rows are left out. */
export function parseShowStat(csv: string): ServerState[] {
  const lines = csv.split("\n").filter((l) => l.trim());
  const header = lines[0]?.replace(/^# /, "").split(",") ?? [];
  const at = (name: string) => header.indexOf(name);
  const [px, sv, st] = [at("pxname"), at("svname"), at("status")];
  if (px < 0 || sv < 0 || st < 0) throw new Error(`HAProxy's show stat has no pxname, svname or status column: ${lines[0] ?? "(empty)"}`);
  return lines
    .slice(1)
    .map((l) => l.split(","))
    .filter((f) => f[sv] !== "FRONTEND" && f[sv] !== "BACKEND")
    .map((f) => ({ proxy: f[px]!, server: f[sv]!, status: f[st]! }));
}

/** Sends one command to HAProxy's admin socket and returns its answer (the socket closes after one command). */
export function haproxyCommand(socketPath: string, command: string, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const socket = createConnection(socketPath, () => socket.end(`${command}\n`));
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`HAProxy's admin socket did not answer "${command}" within ${timeoutMs} ms`)));
    socket.on("data", (d) => (out += d));
    socket.on("error", reject);
    socket.on("close", () => resolve(out));
  });
}

export async function serverStates(socketPath: string): Promise<ServerState[]> {
  return parseShowStat(await haproxyCommand(socketPath, "show stat"));
}
