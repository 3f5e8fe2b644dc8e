import { DateTime } from "luxon";
import pg from "pg";

/**
 * Sessions that took place earlier today, written to the database as the app would have left them
 * (the demo's sessions all lie ahead): for the recap and its recordings.
 */
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/mingle_e2e";

export async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export const userId = (email: string) => withClient(async (c) => (await c.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0]!.id);

/** An accepted session between the two at a free table, in a slot at 00:00 today in the conference's zone: over or running, so they met. */
export function pastSession(requesterEmail: string, expertEmail: string, offerId: string): Promise<string> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ id: string; timeZone: string }>(`SELECT id, "timeZone" FROM "Conference" ORDER BY "startDate" DESC LIMIT 1`);
    const conference = rows[0]!;
    const start = DateTime.now().setZone(conference.timeZone).startOf("day");
    const stamp = Date.now().toString(36);
    const slot = (
      await client.query<{ id: string }>(
        `INSERT INTO "MingleSlot" (id, "conferenceId", "startsAt", "endsAt") VALUES ($1, $2, $3, $4)
           ON CONFLICT ("conferenceId", "startsAt") DO UPDATE SET "endsAt" = EXCLUDED."endsAt" RETURNING id`,
        [`e2e-recap-${stamp}`, conference.id, start.toJSDate(), start.plus({ minutes: 20 }).toJSDate()],
      )
    ).rows[0]!.id;
    const ids = await client.query<{ id: string; email: string }>(`SELECT id, email FROM "User" WHERE email = ANY($1)`, [[requesterEmail, expertEmail]]);
    const idOf = (email: string) => ids.rows.find((r) => r.email === email)!.id;
    const table = (
      await client.query<{ id: string }>(
        `SELECT t.id FROM "Table" t JOIN "MingleArea" a ON a.id = t."areaId"
          WHERE a."conferenceId" = $1 AND NOT EXISTS (SELECT 1 FROM "MingleSession" s WHERE s."tableId" = t.id AND s."slotId" = $2 AND s.status IN ('PENDING', 'ACCEPTED'))
          ORDER BY t.id LIMIT 1`,
        [conference.id, slot],
      )
    ).rows[0]!.id;
    const sessionId = `e2e-recap-session-${stamp}`;
    await client.query(
      `INSERT INTO "MingleSession" (id, "conferenceId", "offerId", "requesterId", "expertId", "slotId", "tableId", status, "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACCEPTED', now())`,
      [sessionId, conference.id, offerId, idOf(requesterEmail), idOf(expertEmail), slot, table],
    );
    return sessionId;
  });
}
