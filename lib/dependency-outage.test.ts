import { connect } from "node:net";
import { readFile } from "node:fs/promises";
import Docker from "dockerode";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { RedisUnavailableError } from "@/lib/redis";
import { errorSummary, outageOf } from "./dependency-outage";

// Real errors from real clients pointed at addresses where nothing answers (no server needed).
const nowhere = createPrismaClient("postgresql://root@127.0.0.1:1/nowhere");
afterAll(() => nowhere.$disconnect());

const thrown = async (run: () => Promise<unknown>) =>
  run().then(
    () => expect.fail("did not throw"),
    (e: unknown) => e,
  );

describe("outageOf", () => {
  it("recognises a database that does not answer, through a model call, raw SQL and a transaction", async () => {
    const errors = [
      await thrown(() => nowhere.user.findFirst()),
      await thrown(() => nowhere.$queryRaw`SELECT 1`),
      await thrown(() => nowhere.$transaction(async (tx) => tx.user.count())),
    ];
    for (const error of errors) expect(outageOf(error)).toBe("database");
    expect(errorSummary(errors[1])).toMatch(/Can't reach database server at 127\.0\.0\.1:1/);
  });

  it("recognises a Docker Engine that does not answer, over a socket file or TCP", async () => {
    const missingSocket = await thrown(() => new Docker({ socketPath: "/nonexistent/docker.sock" }).ping());
    const refused = await thrown(() => new Promise((resolve, reject) => connect({ host: "127.0.0.1", port: 1 }).on("connect", resolve).on("error", reject)));
    expect(outageOf(missingSocket)).toBe("docker");
    expect(outageOf(refused)).toBe("docker");
  });

  it("recognises Redis that does not answer: ioredis giving up on a command, and lib/redis.ts's own error", async () => {
    const client = new Redis({ host: "127.0.0.1", port: 1, maxRetriesPerRequest: 1, retryStrategy: () => 20, lazyConnect: false });
    client.on("error", () => {});
    const gaveUp = await thrown(() => client.get("k"));
    client.disconnect();
    expect(outageOf(gaveUp)).toBe("redis");
    expect(outageOf(new RedisUnavailableError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", syscall: "connect" })))).toBe("redis");
  });

  it("leaves other errors alone, so bugs stay bugs", async () => {
    expect(outageOf(new Error("Cannot read properties of undefined"))).toBeNull();
    expect(outageOf(await thrown(() => readFile("/nonexistent/file")))).toBeNull();
    expect(outageOf({ name: "PrismaClientKnownRequestError", code: "P2002", message: "Unique constraint failed" })).toBeNull();
    expect(outageOf(undefined)).toBeNull();
  });

  it("summarises an error with an empty message by its code", () => {
    expect(errorSummary(Object.assign(new AggregateError([], ""), { code: "ECONNREFUSED" }))).toBe("ECONNREFUSED");
  });
});
