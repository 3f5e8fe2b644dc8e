import { faker } from "@faker-js/faker";
import { DateTime } from "luxon";
import type { Db } from "@/lib/db";
import { argon2Hasher } from "@/lib/auth/deps";
import { seedDemoBooking } from "./demo-booking";
import { seedDemoOffers } from "./demo-offers";

export const DEMO_PASSWORD = "mingle-demo-2017";
export const DEMO_ORGANIZER = { email: "organizer@mingle.test", name: "Olivia Organizer" };
export const DEMO_ATTENDEE = { email: "demo@mingle.test", name: "Dana Demo" };
export const DEMO_CONFERENCE_SLUG = "dockercon-demo";
export const DEMO_TIME_ZONE = "America/Chicago";

const COMPANIES = [
  "Aqua Security",
  "Docker",
  "Microsoft",
  "Google",
  "Red Hat",
  "Mesosphere",
  "Rancher Labs",
  "Weaveworks",
  "CoreOS",
  "HashiCorp",
  "Capital One",
  "Visa",
  "MetLife",
  "ING",
  "Oracle",
  "Cisco",
  "Datadog",
  "Sysdig",
  "Twistlock",
  "GitLab",
  "CircleCI",
  "Heptio",
  "Portworx",
  "Intel",
  "Netflix",
];

// Topic slugs from lib/tags' curated list, with what people say about them.
export const TOPICS: Array<{ tag: string; headline: string; bio: string }> = [
  { tag: "container-security", headline: "Hardening containers from build to runtime", bio: "I spend my days on image scanning, seccomp profiles and least-privilege runtimes." },
  { tag: "linuxkit", headline: "Building minimal, immutable OS images with LinuxKit", bio: "Onboot containers, services, and a 35 MB OS that boots in seconds." },
  { tag: "moby", headline: "Contributor to the Moby project", bio: "I work on the upstream components Docker is assembled from." },
  { tag: "swarm", headline: "Running Swarm mode in production", bio: "Rolling updates, secrets and mutual TLS between nodes, at scale." },
  { tag: "windows-containers", headline: "Windows and Linux containers side by side", bio: "Hyper-V isolation, LCOW, and moving .NET apps into containers." },
  { tag: "kubernetes", headline: "Kubernetes operator and trainer", bio: "Pods, controllers and the scheduler, explained with a whiteboard." },
  { tag: "ci-cd", headline: "Fast, reproducible CI/CD pipelines with containers", bio: "Build caches, multi-stage builds and pipelines that stay green." },
  { tag: "networking", headline: "Container networking deep dives", bio: "Overlay networks, service discovery and why DNS is always the answer." },
  { tag: "storage", headline: "Stateful workloads and volume plugins", bio: "Databases in containers, done carefully." },
  { tag: "observability", headline: "Metrics, logs and traces for containers", bio: "Making containers observable without drowning in data." },
];

function pick<T>(list: readonly T[], n: number): T[] {
  return faker.helpers.arrayElements(list as T[], n);
}

export interface SeedReport {
  conference: "created" | "kept";
  usersCreated: number;
  usersKept: number;
}

/** The demo conference: three days starting today in its time zone, so booking works on it. */
export async function seedConference(db: Db, today = DateTime.now().setZone(DEMO_TIME_ZONE)): Promise<"created" | "kept"> {
  const existing = await db.conference.findUnique({ where: { slug: DEMO_CONFERENCE_SLUG }, select: { id: true } });
  if (existing) return "kept";
  const days = [0, 1, 2].map((i) => today.startOf("day").plus({ days: i }).toISODate()!);
  await db.conference.create({
    data: {
      slug: DEMO_CONFERENCE_SLUG,
      name: "DockerCon Mingle (demo)",
      venue: "Austin Convention Center",
      timeZone: DEMO_TIME_ZONE,
      startDate: new Date(`${days[0]}T00:00:00Z`),
      endDate: new Date(`${days[2]}T00:00:00Z`),
      mingleHours: {
        create: days.map((day, i) => ({ day: new Date(`${day}T00:00:00Z`), opensAt: "08:00", closesAt: i === 2 ? "16:00" : "20:00" })),
      },
      areas: {
        create: [
          { name: "Moby Mingle — Hall A", location: "Level 1, beside the Expo entrance", letter: "A" },
          { name: "Moby Mingle — Hall B", location: "Level 3, outside Ballroom E", letter: "B" },
        ].map(({ letter, ...area }) => ({
          ...area,
          tables: { create: [1, 2, 3, 4, 5, 6].map((n) => ({ label: `${letter}${n}`, seats: n <= 4 ? 2 : 4 })) },
        })),
      },
    },
  });
  return "created";
}

async function ensureUser(
  db: Db,
  passwordHash: string,
  user: { email: string; name: string; role?: "ATTENDEE" | "ORGANIZER"; profile: { headline: string; company: string; bio: string; offerTags: string[]; seekTags: string[] } },
): Promise<boolean> {
  const found = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
  if (found) return false;
  await db.user.create({
    data: {
      email: user.email,
      name: user.name,
      role: user.role ?? "ATTENDEE",
      passwordHash,
      profile: { create: { ...user.profile, timeZone: DEMO_TIME_ZONE } },
    },
  });
  return true;
}

/** About 50 attendees with deterministic names, companies, bios and topic tags, plus the organizer. */
export function demoPeople(count = 50) {
  faker.seed(2017);
  const people = [];
  for (let i = 0; i < count; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const offered = pick(TOPICS, faker.number.int({ min: 1, max: 2 }));
    const sought = pick(
      TOPICS.filter((t) => !offered.includes(t)),
      faker.number.int({ min: 1, max: 3 }),
    );
    const company = faker.helpers.arrayElement(COMPANIES);
    people.push({
      email: `${`${first}.${last}.${i}`.toLowerCase().replace(/[^a-z0-9.]/g, "")}@mingle.test`,
      name: `${first} ${last}`,
      profile: {
        headline: offered[0]!.headline,
        company,
        bio: `${offered[0]!.bio} At ${company} I ${faker.helpers.arrayElement(["lead the platform team", "run developer relations", "build internal tooling", "keep production boring", "teach teams to ship containers"])}. Ask me about ${offered.map((t) => t.tag.replace(/-/g, " ")).join(" and ")}.`,
        offerTags: offered.map((t) => t.tag),
        seekTags: sought.map((t) => t.tag),
      },
    });
  }
  return people;
}

export async function seedDemo(db: Db): Promise<SeedReport> {
  const conference = await seedConference(db);
  const passwordHash = await argon2Hasher.hash(DEMO_PASSWORD);
  const everyone = [
    {
      ...DEMO_ORGANIZER,
      role: "ORGANIZER" as const,
      profile: { headline: "Runs the Moby Mingle areas", company: "DockerCon", bio: "Find me at the Mingle desk in Hall A.", offerTags: [], seekTags: [] },
    },
    {
      ...DEMO_ATTENDEE,
      profile: {
        headline: "First DockerCon, here to learn",
        company: "Acme Shipping",
        bio: "Moving a monolith into containers; curious about security and CI.",
        offerTags: ["ci-cd"],
        seekTags: ["container-security", "linuxkit"],
      },
    },
    ...demoPeople(),
  ];
  let usersCreated = 0;
  for (const person of everyone) if (await ensureUser(db, passwordHash, person)) usersCreated++;
  await seedDemoOffers(db);
  await seedDemoBooking(db);
  return { conference, usersCreated, usersKept: everyone.length - usersCreated };
}
