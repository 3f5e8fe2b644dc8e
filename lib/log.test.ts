import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, eventLogger } from "@/lib/log";
import { runWithRequestId } from "@/lib/request-context";

function capture(level: "debug" | "info" | "warn" = "info") {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const pino = createLogger({ level, destination });
  return { lines, log: eventLogger(() => pino) };
}

describe("logger", () => {
  it("writes one JSON line per event with the event, its fields, the level by name and an ISO time", () => {
    const { lines, log } = capture();
    log.info("lab.launch", { labId: "l1", template: "shell" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", event: "lab.launch", labId: "l1", template: "shell", pid: process.pid });
    expect(new Date(String(lines[0]!.time)).toISOString()).toBe(lines[0]!.time);
  });

  it("keeps the event name even when the fields carry an `event` of their own", () => {
    const { lines, log } = capture();
    log.warn("labs.service", { event: "other" });
    expect(lines[0]!.event).toBe("labs.service");
  });

  it("drops lines below the configured level", () => {
    const { lines, log } = capture("warn");
    log.info("quiet", {});
    log.debug("quieter", {});
    log.error("loud", {});
    expect(lines.map((l) => l.event)).toEqual(["loud"]);
  });

  it("redacts cookies, tokens, secrets and passwords, at the top and nested", () => {
    const { lines, log } = capture();
    log.info("api.request", {
      cookie: "next-auth.session-token=abc",
      token: "MGLTKN-1-secret",
      headers: { cookie: "a=b", authorization: "Bearer xyz", "set-cookie": "c=d", accept: "text/html" },
      req: { headers: { authorization: "Bearer deep" }, body: { password: "hunter2", name: "Ada" } },
      host: { key: "-----BEGIN PRIVATE KEY-----", secret: "s" },
    });
    const line = JSON.stringify(lines[0]);
    for (const leaked of ["abc", "MGLTKN", "a=b", "xyz", "c=d", "deep", "hunter2", "PRIVATE KEY", '"s"']) expect(line).not.toContain(leaked);
    expect(lines[0]).toMatchObject({ headers: { accept: "text/html", cookie: "[redacted]" }, req: { body: { name: "Ada", password: "[redacted]" } } });
  });

  it("stamps every line written while a request runs with its id, through awaits and timers", async () => {
    const { lines, log } = capture();
    await runWithRequestId("req-1", async () => {
      log.info("first", {});
      await new Promise((r) => setTimeout(r, 5));
      log.info("second", {});
    });
    log.info("outside", {});
    expect(lines.map((l) => [l.event, l.requestId])).toEqual([
      ["first", "req-1"],
      ["second", "req-1"],
      ["outside", undefined],
    ]);
  });
});
