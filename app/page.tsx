import Link from "next/link";
import { Badge, Card, EmptyState, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { conferenceDeps } from "@/lib/conference/deps";
import { getConference } from "@/lib/conference/service";
import { getCurrentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

function dayLabel(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
}

export default async function HomePage() {
  const [user, conference] = await Promise.all([getCurrentUser(), getConference(conferenceDeps())]);
  if (!conference.ok) {
    return <EmptyState title="No conference yet">{conference.message}</EmptyState>;
  }
  const c = conference.value;
  const tables = c.areas.reduce((n, a) => n + a.tables.length, 0);
  return (
    <div className="space-y-6">
      <PageTitle
        title={user ? `Welcome, ${user.name.split(" ")[0]}` : c.name}
        subtitle={
          <>
            {dayLabel(c.startDate)} – {dayLabel(c.endDate)} · {c.venue || "Venue to be announced"} · times in {c.timeZone}
          </>
        }
        actions={
          user ? (
            <Link href="/offers" className={buttonClass("primary")}>
              Find people to meet
            </Link>
          ) : (
            <>
              <Link href="/signup" className={buttonClass("primary")}>
                Join the mingle
              </Link>
              <Link href="/signin" className={buttonClass("secondary")}>
                Sign in
              </Link>
            </>
          )
        }
      />
      <div className="grid gap-4 md:grid-cols-3">
        <Card className="md:col-span-2">
          <h2 className="text-lg font-semibold text-ink">How the mingle works</h2>
          <ol className="mt-3 space-y-2 text-slate-700">
            <li>
              <strong>1. Offer what you know.</strong> Publish an expertise offer: container security, LinuxKit, Swarm…
            </li>
            <li>
              <strong>2. Find the right people.</strong> Search offers, or let &ldquo;For you&rdquo; explain who fits.
            </li>
            <li>
              <strong>3. Meet 1-on-1.</strong> Book a slot; you get a table in a Mingle area, and a live lab to work in together.
            </li>
          </ol>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold text-ink">Mingle hours</h2>
          <ul className="mt-3 space-y-1 text-sm" data-testid="mingle-hours">
            {c.mingleHours.map((h) => (
              <li key={h.day} className="flex justify-between">
                <span className="text-slate-600">{dayLabel(h.day)}</span>
                <span className="font-medium tabular-nums">
                  {h.opensAt}–{h.closesAt}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card>
        <div className="flex items-baseline justify-between">
          <h2 className="text-lg font-semibold text-ink">Mingle areas</h2>
          <span className="text-sm text-slate-500">{tables} tables</span>
        </div>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          {c.areas.map((area) => (
            <div key={area.id} className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
              <p className="font-semibold">{area.name}</p>
              <p className="text-sm text-slate-600">{area.location}</p>
              <div className="mt-2 flex flex-wrap gap-1">
                {area.tables.map((t) => (
                  <Badge key={t.id} tone="moby">
                    {t.label} · {t.seats} seats
                  </Badge>
                ))}
              </div>
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}
