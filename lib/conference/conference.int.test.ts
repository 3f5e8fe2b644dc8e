import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { freshDatabase } from "@/lib/testing/database";
import { findCurrentConference } from "./current-conference";
import { conferenceRepo } from "./repo";
import { currentConferenceName, getConference } from "./service";

// A database of its own: "the current conference" is the latest to start, across every row.
const database = await freshDatabase("conference_it");
let db: Db;
const date = (d: string) => new Date(`${d}T00:00:00Z`);

beforeAll(() => {
  db = createPrismaClient(database.url);
});

afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe("the current conference on PostgreSQL", () => {
  it("answers NOT_FOUND with one sentence, and the header says so, before anything is set up", async () => {
    const deps = { repo: conferenceRepo(db) };
    expect(await getConference(deps)).toEqual({ ok: false, code: "NOT_FOUND", message: "No conference is set up yet. An organizer can create one." });
    expect(await currentConferenceName(deps)).toBe("No conference yet");
    expect(await findCurrentConference(db)).toBeNull();
  });

  it("serves the latest to start, with its hours, areas by name and tables by label", async () => {
    const older = await db.conference.create({
      data: { slug: "dc16", name: "DockerCon 2016", timeZone: "America/Los_Angeles", startDate: date("2016-06-19"), endDate: date("2016-06-21") },
    });
    const current = await db.conference.create({
      data: {
        slug: "dc17",
        name: "DockerCon 2017",
        venue: "Austin Convention Center",
        timeZone: "America/Chicago",
        startDate: date("2017-04-17"),
        endDate: date("2017-04-20"),
        slotMinutes: 30,
        mingleHours: {
          create: [
            { day: date("2017-04-19"), opensAt: "09:00", closesAt: "12:00" },
            { day: date("2017-04-18"), opensAt: "10:00", closesAt: "17:00" },
          ],
        },
        areas: {
          create: [
            { name: "Moby Mingle — Hall B", location: "Level 1", tables: { create: [{ label: "B2" }, { label: "B1", seats: 4 }] } },
            { name: "Moby Mingle — Hall A", location: "Level 3" },
          ],
        },
      },
    });

    const deps = { repo: conferenceRepo(db) };
    const got = await getConference(deps);
    expect(got.ok ? got.value : got).toEqual({
      id: current.id,
      slug: "dc17",
      name: "DockerCon 2017",
      venue: "Austin Convention Center",
      timeZone: "America/Chicago",
      startDate: "2017-04-17",
      endDate: "2017-04-20",
      mingleHours: [
        { day: "2017-04-18", opensAt: "10:00", closesAt: "17:00" },
        { day: "2017-04-19", opensAt: "09:00", closesAt: "12:00" },
      ],
      areas: [
        { id: expect.any(String), name: "Moby Mingle — Hall A", location: "Level 3", tables: [] },
        {
          id: expect.any(String),
          name: "Moby Mingle — Hall B",
          location: "Level 1",
          tables: [
            { id: expect.any(String), label: "B1", seats: 4 },
            { id: expect.any(String), label: "B2", seats: 2 },
          ],
        },
      ],
    });
    expect(await currentConferenceName(deps)).toBe("DockerCon 2017");

    // A job handed an id gets that one, whichever is current; the shared shape carries the slot length.
    expect(await findCurrentConference(db, older.id)).toMatchObject({ id: older.id, slug: "dc16", startDate: "2016-06-19", slotMinutes: 20, hours: [] });
    expect(await findCurrentConference(db)).toMatchObject({ id: current.id, slotMinutes: 30 });
  });

  it("keeps the header up when the database is not reachable", async () => {
    const down = createPrismaClient("postgresql://root@127.0.0.1:1/nowhere");
    try {
      expect(await currentConferenceName({ repo: conferenceRepo(down) })).toBe("Mingle");
    } finally {
      await down.$disconnect();
    }
  });
});
