import { createServer } from "node:http";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { currentRequestId, requestIdFrom, runWithRequestId, socketEventContext } from "@/lib/request-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a short, plain X-Request-Id from a proxy or client", () => {
    expect(requestIdFrom("abc-123")).toBe("abc-123");
    expect(requestIdFrom("haproxy:7F000001_1F90.0A")).toBe("haproxy:7F000001_1F90.0A");
    expect(requestIdFrom(["first", "second"])).toBe("first");
  });

  it("makes a new one when none came, or the one sent is long or carries unsafe characters", () => {
    for (const bad of [undefined, "", "x".repeat(65), "a b", "line\nbreak", '"quoted"', "<script>", "ü"]) expect(requestIdFrom(bad)).toMatch(UUID);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it("is seen by the work a request starts, and only there", async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await runWithRequestId("r-1", async () => {
      await Promise.resolve();
      return new Promise<string | undefined>((resolve) => setImmediate(() => resolve(currentRequestId())));
    });
    expect(seen).toBe("r-1");
    expect(currentRequestId()).toBeUndefined();
  });
});

describe("socket events", () => {
  it("each run under a request id of their own, seen by the handler and its awaits", async () => {
    const http = createServer();
    const io = new Server(http);
    io.on("connection", (socket) => {
      socket.use(socketEventContext);
      socket.on("which", async (ack: (ids: (string | undefined)[]) => void) => {
        const first = currentRequestId();
        await new Promise((r) => setTimeout(r, 1));
        ack([first, currentRequestId()]);
      });
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const port = (http.address() as { port: number }).port;
    const client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
    try {
      const [a1, a2] = (await client.timeout(5000).emitWithAck("which")) as (string | undefined)[];
      const [b1] = (await client.timeout(5000).emitWithAck("which")) as (string | undefined)[];
      expect(a1).toMatch(UUID);
      expect(a2).toBe(a1);
      expect(b1).toMatch(UUID);
      expect(b1).not.toBe(a1);
    } finally {
      client.close();
      await new Promise<void>((r) => io.close(() => r()));
    }
  });
});
