// What both matching benchmarks share: a fresh, migrated database and bulk inserts of people,
// profiles and offers in the shapes the app stores (one JSON parameter per chunk).
import { faker } from "@faker-js/faker";
import pg from "pg";
import { mulberry32, type SyntheticConference } from "@/lib/matching/synthetic";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import type { OfferLevelName } from "@/lib/offers/schema";

export interface BenchPerson {
  id: string;
  name: string;
  headline: string;
  seekTags: readonly string[];
  offerTags: readonly string[];
  bio?: string;
}

export interface BenchOffer {
  id: string;
  ownerId: string;
  title: string;
  description: string;
  tags: readonly string[];
  level: OfferLevelName;
  lengthMinutes: number;
  labTemplate: string | null;
  active: boolean;
}

export async function freshBenchDatabase(url: string): Promise<pg.Client> {
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations(url, "prisma/migrations");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export async function insertJson(client: pg.Client, sql: string, rows: unknown[], chunk = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await client.query(sql, [JSON.stringify(rows.slice(i, i + chunk))]);
}

export async function insertPeople(client: pg.Client, people: readonly BenchPerson[]): Promise<void> {
  const rows = people.map((p) => ({ ...p, email: `${p.id}@bench.mingle.test`, bio: p.bio ?? "" }));
  await insertJson(
    client,
    `INSERT INTO "User" ("id", "email", "name", "updatedAt")
     SELECT id, email, name, now() FROM json_to_recordset($1::json) AS x(id text, email text, name text)`,
    rows,
  );
  await insertJson(
    client,
    `INSERT INTO "Profile" ("id", "userId", "headline", "bio", "seekTags", "offerTags", "updatedAt")
     SELECT 'p' || id, id, headline, bio, "seekTags", "offerTags", now()
       FROM json_to_recordset($1::json) AS x(id text, headline text, bio text, "seekTags" text[], "offerTags" text[])`,
    rows,
  );
}

export async function insertOffers(client: pg.Client, offers: readonly BenchOffer[]): Promise<void> {
  await insertJson(
    client,
    `INSERT INTO "Offer" ("id", "ownerId", "title", "description", "tags", "level", "lengthMinutes", "labTemplate", "active", "updatedAt")
     SELECT id, "ownerId", title, description, tags, level, "lengthMinutes", "labTemplate", active, now()
       FROM json_to_recordset($1::json)
         AS x(id text, "ownerId" text, title text, description text, tags text[], level "OfferLevel", "lengthMinutes" int, "labTemplate" text, active boolean)`,
    [...offers],
  );
}

const LEVEL: Record<string, OfferLevelName> = { beginner: "INTRO", intermediate: "PRACTITIONER", expert: "DEEP_DIVE" };

/**
 * A fresh database at `url` holding the synthetic conference's users with profiles, offers, views
 * and vetoes (ids are the generator's), in bulk; `progress` hears each step (the scale benchmark prints them).
 */
export async function loadSyntheticConference(url: string, conference: SyntheticConference, progress: (step: string) => void = () => undefined): Promise<void> {
  const client = await freshBenchDatabase(url);
  try {
    faker.seed(2017);
    const rng = mulberry32(7);
    await insertPeople(
      client,
      conference.attendees.map((a) => ({
        id: a.viewer.id,
        name: faker.person.fullName(),
        headline: faker.person.jobTitle(),
        seekTags: a.viewer.seekTags,
        offerTags: a.viewer.offerTags,
      })),
    );
    progress(`${conference.attendees.length} people with profiles`);
    const labs = ["shell", "forkbomb", "two-services"];
    await insertOffers(
      client,
      conference.offers.map((o) => ({
        id: o.id,
        ownerId: o.ownerId,
        title: o.title,
        description: o.description,
        tags: o.tags,
        level: LEVEL[o.level]!,
        lengthMinutes: [15, 20, 30][Math.floor(rng() * 3)]!,
        labTemplate: rng() < 0.2 ? labs[Math.floor(rng() * 3)]! : null,
        active: o.active,
      })),
    );
    progress(`${conference.offers.length} offers`);
    const views = conference.attendees.flatMap((a) => (a.viewer.viewedOfferIds ?? []).map((offerId) => ({ userId: a.viewer.id, offerId })));
    await insertJson(client, `INSERT INTO "OfferView" ("userId", "offerId") SELECT * FROM json_to_recordset($1::json) AS x("userId" text, "offerId" text)`, views);
    const vetoes = conference.attendees.flatMap((a) => (a.viewer.vetoedOfferIds ?? []).map((offerId) => ({ userId: a.viewer.id, offerId })));
    await insertJson(client, `INSERT INTO "OfferVeto" ("userId", "offerId") SELECT * FROM json_to_recordset($1::json) AS x("userId" text, "offerId" text)`, vetoes);
    progress(`${views.length} views, ${vetoes.length} vetoes`);
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }
}
