import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import net from "node:net";

/**
 * A minimal WebSocket client (RFC 6455) for tests and benchmarks on Node 20, which has none: one
 * connection to 127.0.0.1, the handshake with any headers, then masked text frames under 126 bytes.
 */
export interface TestWebSocket {
  /** The handshake's status line and headers. */
  response: string;
  send(text: string): void;
  /** The next text frame's payload. */
  next(timeoutMs?: number): Promise<string>;
  close(): void;
}

export function openWebSocket(port: number, opts: { host: string; path?: string; headers?: Record<string, string> }): Promise<TestWebSocket> {
  const key = randomBytes(16).toString("base64");
  const socket = net.connect(port, "127.0.0.1");
  let buffer = Buffer.alloc(0);
  let waiting: (() => void) | undefined;
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    waiting?.();
  });
  const more = (timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no WebSocket data within ${timeoutMs} ms`)), timeoutMs);
      waiting = () => {
        clearTimeout(timer);
        waiting = undefined;
        resolve();
      };
      socket.once("close", () => waiting?.());
    });
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.once("connect", async () => {
      const headers = { Host: opts.host, Upgrade: "websocket", Connection: "Upgrade", "Sec-WebSocket-Key": key, "Sec-WebSocket-Version": "13", ...opts.headers };
      socket.write(
        `GET ${opts.path ?? "/"} HTTP/1.1\r\n${Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join("")}\r\n`,
      );
      try {
        while (!buffer.includes("\r\n\r\n")) {
          if (socket.destroyed) throw new Error(`closed during the handshake: ${buffer.toString()}`);
          await more(10_000);
        }
      } catch (error) {
        socket.destroy();
        return reject(error);
      }
      const end = buffer.indexOf("\r\n\r\n");
      const response = buffer.subarray(0, end).toString();
      buffer = buffer.subarray(end + 4);
      const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
      if (!response.startsWith("HTTP/1.1 101") || !response.includes(accept)) {
        socket.destroy();
        return reject(Object.assign(new Error(`handshake refused: ${response}`), { response }));
      }
      resolve({
        response,
        send(text) {
          const payload = Buffer.from(text);
          if (payload.length >= 126) throw new Error("the test client sends short frames only");
          const mask = randomBytes(4);
          const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
          socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
        },
        async next(timeoutMs = 10_000) {
          while (buffer.length < 2 || buffer.length < 2 + (buffer[1]! & 127)) {
            if (socket.destroyed) throw new Error("the WebSocket closed");
            await more(timeoutMs);
          }
          const length = buffer[1]! & 127;
          const text = buffer.subarray(2, 2 + length).toString();
          buffer = buffer.subarray(2 + length);
          return text;
        },
        close: () => socket.destroy(),
      });
    });
  });
}

export interface PlainResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** One HTTP request to 127.0.0.1 with any Host header (fetch may not set Host), answered like fetch's Response. */
export function previewRequest(port: number, host: string, path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: init.method ?? "GET", headers: { ...init.headers, host }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const header = (name: string) => {
          const v = res.headers[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
        };
        resolve({ status: res.statusCode ?? 0, headers: { get: header }, text: async () => body });
      });
    });
    req.on("error", reject);
    req.end(init.body);
  });
}
