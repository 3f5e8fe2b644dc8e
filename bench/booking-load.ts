// The booking load both booking benchmarks run (bench/booking.ts, bench/scale.ts): `clients`
// requesters through the real HTTP API, two of them aimed at each expert and slot, each request
// followed by the expert's accept; afterwards SQL counts double bookings, which must be 0.
import type { Db } from "@/lib/db";
import { apiClient, signIn } from "@/lib/testing/app-server";
import { DOUBLE_BOOKINGS_SQL, FIXTURE_PASSWORD } from "@/lib/testing/booking-fixtures";
import { bookingWorld } from "@/lib/testing/booking-world";
import { percentile } from "./results";

export interface BookingLoadResult {
  opsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  completed: number;
  conflicts: number;
  conflictCodes: Record<string, number>;
  errors: number;
  seconds: number;
  doubleBookings: number;
}

/** Seeds a booking world into `db` (a fresh database the server at `base` serves) and runs the load on it. */
export async function runBookingLoad(db: Db, base: string, opts: { clients: number; rounds: number; slug?: string }): Promise<BookingLoadResult> {
  const experts = Math.max(1, Math.floor(opts.clients / 2));
  const world = await bookingWorld(db, { slug: opts.slug ?? "bench", experts, requesters: opts.clients, slots: opts.rounds, tables: experts + 5 });
  const sign = async (ps: typeof world.experts) => {
    const out = [];
    for (let i = 0; i < ps.length; i += 10) out.push(...(await Promise.all(ps.slice(i, i + 10).map((p) => signIn(base, p.email, FIXTURE_PASSWORD)))));
    return out.map((cookie) => apiClient(base, cookie));
  };
  const expertCalls = await sign(world.experts);
  const requesterCalls = await sign(world.requesters);
  // Compile the routes (dev server) before timing.
  await requesterCalls[0]!("POST", "/api/v1/sessions", {});
  await expertCalls[0]!("POST", "/api/v1/sessions/x/respond", { action: "accept" });

  const latencies: number[] = [];
  let ok = 0;
  let conflicts = 0;
  let errors = 0;
  const conflictCodes: Record<string, number> = {};
  const count = (key: string) => {
    conflictCodes[key] = (conflictCodes[key] ?? 0) + 1;
  };
  const errorCode = (body: unknown) => (body as { error?: { code?: string } } | null)?.error?.code ?? "?";
  const started = performance.now();
  // Client i asks expert i % experts, so two clients race for every expert's slot each round.
  await Promise.all(
    requesterCalls.map(async (call, i) => {
      const e = i % experts;
      for (const slot of world.slots) {
        const t0 = performance.now();
        const req = await call<{ id: string }>("POST", "/api/v1/sessions", { offerId: world.experts[e]!.offerId, slotStart: slot.toISOString() });
        if (req.status === 409) {
          conflicts++;
          count(`request ${errorCode(req.body)}`);
          continue;
        }
        if (req.status !== 201) {
          errors++;
          continue;
        }
        const acc = await expertCalls[e]!("POST", `/api/v1/sessions/${req.body.id}/respond`, { action: "accept" });
        if (acc.status === 200) {
          ok++;
          latencies.push(performance.now() - t0);
        } else if (acc.status === 409) {
          conflicts++;
          count(`accept ${errorCode(acc.body)}`);
        } else errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [check] = await db.$queryRawUnsafe<{ personOverlaps: number; tableOverlaps: number }[]>(DOUBLE_BOOKINGS_SQL);
  return {
    opsPerSec: Math.round((ok / seconds) * 10) / 10,
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    completed: ok,
    conflicts,
    conflictCodes,
    errors,
    seconds: Math.round(seconds * 10) / 10,
    doubleBookings: check!.personOverlaps + check!.tableOverlaps,
  };
}
