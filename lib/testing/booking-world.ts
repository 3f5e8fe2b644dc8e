import type { Db } from "@/lib/db";
import { createConference, createPeople, makeAvailable } from "@/lib/testing/booking-fixtures";

/** A conference with `experts` people free in the first `slots` of tomorrow, and `requesters` to ask them (benchmarks). */
export async function bookingWorld(db: Db, opts: { slug: string; experts: number; requesters: number; slots: number; tables: number }) {
  const world = await createConference(db, { slug: opts.slug, tables: opts.tables });
  const experts = await createPeople(db, `${opts.slug}-expert`, opts.experts);
  const requesters = await createPeople(db, `${opts.slug}-req`, opts.requesters);
  const slots = world.tomorrow.slice(0, opts.slots);
  await makeAvailable(
    db,
    world.conferenceId,
    experts.map((e) => e.id),
    slots,
  );
  return { world, experts, requesters, slots };
}
