import { randomBytes } from "node:crypto";
import { readMigrations } from "@/lib/migrations";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Applies the real migrations in a throwaway schema on the real PostgreSQL and races real
 * connections against the booking invariants they create (seat trigger, partial unique index per
 * table and slot, no overlapping slots, CHECKs).
 */
const DB_URL = process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const SCHEMA = `booking_sql_test_${randomBytes(4).toString("hex")}`;
const CLIENTS = 50;

let pool: pg.Pool;

interface PgError {
  code?: string;
  constraint?: string;
}

async function sql(query: string | pg.QueryConfig, params: unknown[] = []) {
  return typeof query === "string" ? pool.query(query, params) : pool.query(query);
}

/** Checks out `n` connections first, then fires every statement at once, so they truly race. */
async function race<T>(n: number, run: (client: pg.PoolClient, i: number) => Promise<T>) {
  const clients = await Promise.all(Array.from({ length: n }, () => pool.connect()));
  try {
    return await Promise.allSettled(clients.map((c, i) => run(c, i)));
  } finally {
    for (const c of clients) c.release();
  }
}

function failures(results: PromiseSettledResult<unknown>[]): PgError[] {
  return results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as PgError);
}

async function addSlot(id: string, startIso: string, minutes = 20) {
  const start = new Date(startIso);
  await sql(`INSERT INTO "MingleSlot" (id, "conferenceId", "startsAt", "endsAt") VALUES ($1, 'conf', $2, $3)`, [id, start, new Date(start.getTime() + minutes * 60_000)]);
}

const insertPending = (id: string, requesterId: string, expertId: string, slotId: string) => ({
  text: `INSERT INTO "MingleSession" (id, "conferenceId", "offerId", "requesterId", "expertId", "slotId", "holdExpiresAt", "updatedAt")
         VALUES ($1, 'conf', 'offer', $2, $3, $4, now() + interval '1 hour', now())`,
  values: [id, requesterId, expertId, slotId],
});

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: DB_URL, max: CLIENTS + 5, options: `-c search_path=${SCHEMA},public` });
  await sql(`CREATE SCHEMA ${SCHEMA}`);
  for (const migration of await readMigrations("prisma/migrations")) {
    await sql(migration.sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, ""));
  }
  await sql(`INSERT INTO "Conference" (id, slug, name, "timeZone", "startDate", "endDate", "updatedAt")
             VALUES ('conf', 'conf', 'Conf', 'America/Chicago', '2026-04-17', '2026-04-20', now())`);
  await sql(`INSERT INTO "User" (id, email, name, "updatedAt") SELECT 'u' || g, 'u' || g || '@example.com', 'User ' || g, now() FROM generate_series(0, 199) g`);
  await sql(`INSERT INTO "MingleArea" (id, "conferenceId", name) VALUES ('area', 'conf', 'Hall A')`);
  await sql(`INSERT INTO "Table" (id, "areaId", label) VALUES ('t1', 'area', 'A1'), ('t2', 'area', 'A2')`);
  await sql(`INSERT INTO "Offer" (id, "ownerId", title, "updatedAt") VALUES ('offer', 'u1', 'Offer', now())`);
});

afterAll(async () => {
  await sql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await pool.end();
});

describe("booking constraints on PostgreSQL", () => {
  it("50 requesters racing for one expert's slot: exactly one live session", async () => {
    await addSlot("s-expert", "2026-04-18T19:30:00Z");
    const results = await race(CLIENTS, (c, i) => c.query(insertPending(`race-a-${i}`, `u${100 + i}`, "u1", "s-expert")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const errs = failures(results);
    expect(errs).toHaveLength(CLIENTS - 1);
    expect(new Set(errs.map((e) => `${e.code} ${e.constraint}`))).toEqual(new Set(["23505 SessionSeat_userId_slotId_key"]));
    const { rows } = await sql(`SELECT count(*)::int AS n FROM "SessionSeat" WHERE "slotId" = 's-expert'`);
    expect(rows[0].n).toBe(2);
  });

  it("covers both roles: one person as requester in some inserts and expert in others", async () => {
    await addSlot("s-roles", "2026-04-18T19:50:00Z");
    const results = await race(CLIENTS, (c, i) =>
      c.query(
        i % 2 === 0
          ? insertPending(`race-b-${i}`, "u2", `u${100 + i}`, "s-roles") // u2 asks someone
          : insertPending(`race-b-${i}`, `u${100 + i}`, "u2", "s-roles"), // someone asks u2
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(failures(results).every((e) => e.code === "23505" && e.constraint === "SessionSeat_userId_slotId_key")).toBe(true);
  });

  it("no table holds two accepted sessions in one slot", async () => {
    await addSlot("s-table", "2026-04-18T20:10:00Z");
    // 50 disjoint pairs, all pending in the same slot; every expert accepts onto table t1 at once.
    for (let i = 0; i < CLIENTS; i++) await sql(insertPending(`race-c-${i}`, `u${100 + i}`, `u${150 + i}`, "s-table"));
    const results = await race(CLIENTS, (c, i) =>
      c.query(
        `UPDATE "MingleSession" SET status = 'ACCEPTED', "tableId" = 't1', "holdExpiresAt" = NULL, sequence = sequence + 1
          WHERE id = $1 AND status = 'PENDING' AND sequence = 0`,
        [`race-c-${i}`],
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(new Set(failures(results).map((e) => e.constraint))).toEqual(new Set(["MingleSession_slotId_tableId_live_key"]));
  });

  it("compare-and-set: of 50 racing transitions on one request exactly one wins", async () => {
    await addSlot("s-cas", "2026-04-18T20:30:00Z");
    await sql(insertPending("cas", "u3", "u4", "s-cas"));
    const results = await race(CLIENTS, (c, i) =>
      c.query(
        i % 2 === 0
          ? `UPDATE "MingleSession" SET status = 'ACCEPTED', "tableId" = 't2', "holdExpiresAt" = NULL, sequence = sequence + 1
              WHERE id = 'cas' AND status = 'PENDING' AND sequence = 0 AND "holdExpiresAt" > now()`
          : `UPDATE "MingleSession" SET status = 'CANCELLED', "holdExpiresAt" = NULL, sequence = sequence + 1
              WHERE id = 'cas' AND status = 'PENDING' AND sequence = 0`,
      ),
    );
    const counts = results.map((r) => (r.status === "fulfilled" ? r.value.rowCount : -1));
    expect(counts.filter((n) => n === 1)).toHaveLength(1);
    expect(counts.filter((n) => n === 0)).toHaveLength(CLIENTS - 1);
    const { rows } = await sql(`SELECT sequence FROM "MingleSession" WHERE id = 'cas'`);
    expect(rows[0].sequence).toBe(1);
  });

  it("frees seats when a session closes, and moves them with a proposal", async () => {
    await addSlot("s-free-1", "2026-04-19T15:00:00Z");
    await addSlot("s-free-2", "2026-04-19T15:20:00Z");
    const a = insertPending("free-a", "u5", "u6", "s-free-1");
    await sql(a);
    const b = insertPending("free-b", "u7", "u6", "s-free-1");
    await expect(sql(b)).rejects.toMatchObject({ code: "23505" });
    // Expert proposes the next slot: the old seat is released, the new one taken.
    await sql(`UPDATE "MingleSession" SET "slotId" = 's-free-2', awaiting = 'REQUESTER', sequence = sequence + 1 WHERE id = 'free-a'`);
    await sql(b);
    const c = insertPending("free-c", "u8", "u6", "s-free-2");
    await expect(sql(c)).rejects.toMatchObject({ code: "23505" });
    await sql(`UPDATE "MingleSession" SET status = 'EXPIRED', "holdExpiresAt" = NULL WHERE id = 'free-a'`);
    await sql(c);
    const { rows } = await sql(`SELECT "sessionId", "userId" FROM "SessionSeat" WHERE "sessionId" LIKE 'free-%' ORDER BY 1, 2`);
    expect(rows).toEqual([
      { sessionId: "free-b", userId: "u6" },
      { sessionId: "free-b", userId: "u7" },
      { sessionId: "free-c", userId: "u6" },
      { sessionId: "free-c", userId: "u8" },
    ]);
  });

  it("rejects overlapping slots and inconsistent rows", async () => {
    await addSlot("s-ov-1", "2026-04-20T10:00:00Z", 30);
    await expect(addSlot("s-ov-2", "2026-04-20T10:15:00Z", 15)).rejects.toMatchObject({ code: "23P01" });
    await addSlot("s-ov-3", "2026-04-20T10:30:00Z", 15); // touching is fine
    const selfBook = insertPending("bad-self", "u9", "u9", "s-ov-1");
    await expect(sql(selfBook)).rejects.toMatchObject({ constraint: "MingleSession_not_self" });
    await expect(
      sql(`INSERT INTO "MingleSession" (id, "conferenceId", "offerId", "requesterId", "expertId", "slotId", status, "updatedAt")
           VALUES ('bad-hold', 'conf', 'o', 'u9', 'u10', 's-ov-1', 'PENDING', now())`),
    ).rejects.toMatchObject({ constraint: "MingleSession_hold_iff_pending" });
    await expect(
      sql(`INSERT INTO "MingleSession" (id, "conferenceId", "offerId", "requesterId", "expertId", "slotId", status, "updatedAt")
           VALUES ('bad-table', 'conf', 'o', 'u9', 'u10', 's-ov-1', 'ACCEPTED', now())`),
    ).rejects.toMatchObject({ constraint: "MingleSession_accepted_has_table" });
    await expect(
      sql(`INSERT INTO "MingleSession" (id, "conferenceId", "offerId", "requesterId", "expertId", "slotId", "holdExpiresAt", message, "updatedAt")
           VALUES ('bad-msg', 'conf', 'o', 'u9', 'u10', 's-ov-1', now(), repeat('x', 10000), now())`),
    ).rejects.toMatchObject({ constraint: "MingleSession_text_limits" });
  });

  it("pending limit: locking the requester's row, then count-then-insert, admits exactly K of 20 racing requests", async () => {
    const K = 3;
    const n = 20;
    for (let i = 0; i < n; i++) await addSlot(`s-k-${i}`, new Date(Date.UTC(2026, 3, 21, 9, 20 * i)).toISOString());
    const results = await race(n, async (c, i) => {
      await c.query("BEGIN");
      try {
        await c.query(`SELECT 1 FROM "User" WHERE id = 'u11' FOR UPDATE`);
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM "MingleSession" WHERE "requesterId" = 'u11' AND status = 'PENDING' AND "holdExpiresAt" > now()`);
        if (rows[0].n >= K) {
          await c.query("ROLLBACK");
          return "PENDING_LIMIT_REACHED";
        }
        await c.query(insertPending(`k-${i}`, "u11", `u${100 + i}`, `s-k-${i}`));
        await c.query("COMMIT");
        return "CREATED";
      } catch (error) {
        await c.query("ROLLBACK");
        throw error;
      }
    });
    const outcomes = results.map((r) => (r.status === "fulfilled" ? r.value : `error ${(r.reason as PgError).code}`));
    expect(outcomes.filter((o) => o === "CREATED")).toHaveLength(K);
    expect(outcomes.filter((o) => o === "PENDING_LIMIT_REACHED")).toHaveLength(n - K);
    const { rows } = await sql(`SELECT count(*)::int AS n FROM "MingleSession" WHERE "requesterId" = 'u11'`);
    expect(rows[0].n).toBe(K);
  });

  it("the same count-then-insert without the row lock lets a race through (why the lock is there)", async () => {
    const K = 1;
    const n = 20;
    for (let i = 0; i < n; i++) await addSlot(`s-nolock-${i}`, new Date(Date.UTC(2026, 3, 22, 9, 20 * i)).toISOString());
    const results = await race(n, async (c, i) => {
      await c.query("BEGIN");
      try {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM "MingleSession" WHERE "requesterId" = 'u12' AND status = 'PENDING' AND "holdExpiresAt" > now()`);
        await new Promise((r) => setTimeout(r, 20)); // everyone has counted before anyone inserts
        if (rows[0].n >= K) {
          await c.query("ROLLBACK");
          return "PENDING_LIMIT_REACHED";
        }
        await c.query(insertPending(`nolock-${i}`, "u12", `u${100 + i}`, `s-nolock-${i}`));
        await c.query("COMMIT");
        return "CREATED";
      } catch (error) {
        await c.query("ROLLBACK");
        throw error;
      }
    });
    const created = results.filter((r) => r.status === "fulfilled" && r.value === "CREATED").length;
    expect(created).toBeGreaterThan(K);
  });
});
