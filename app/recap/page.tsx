import { PersonContact, RecapSessionCard } from "@/components/recap/recap-session-card";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageTitle } from "@/components/ui/card";
import { recapDeps } from "@/lib/recap/deps";
import { getRecap } from "@/lib/recap/get-recap";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Recap" };

export default async function RecapPage() {
  const user = await requireUser("/recap");
  const result = await getRecap(recapDeps(), user);
  if (!result.ok) {
    return (
      <div>
        <PageTitle title="Your recap" />
        <EmptyState title="Nothing to recap yet">{result.message}</EmptyState>
      </div>
    );
  }
  const r = result.value;
  const totals: [string, number][] = [
    ["Sessions", r.totals.sessions],
    ["People met", r.totals.people],
    ["Ratings given", r.totals.ratingsGiven],
    ["Labs used", r.totals.labs],
  ];
  return (
    <div className="space-y-6">
      <PageTitle
        title="Your recap"
        subtitle={`${r.conference.name} · times in ${r.conference.timeZone}`}
        actions={
          r.people.length > 0 ? (
            <a className={buttonClass("primary")} href="/api/v1/recap/vcards" download data-testid="download-all-vcards">
              Download all cards
            </a>
          ) : undefined
        }
      />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {totals.map(([label, value]) => (
          <div key={label} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-1 text-2xl font-bold tabular-nums text-ink">{value}</dd>
          </div>
        ))}
      </dl>
      <section className="space-y-3" aria-label="People you met">
        <h2 className="text-xl font-bold text-ink">People you met</h2>
        {r.people.length === 0 ? (
          <p className="text-sm text-slate-600">Nobody yet: people show up here once an agreed session has started.</p>
        ) : (
          <div className="grid gap-3 md:grid-cols-2">
            {r.people.map((p) => (
              <Card key={p.id}>
                <PersonContact person={p} extra={p.sessions > 1 ? `${p.sessions} sessions` : undefined} />
              </Card>
            ))}
          </div>
        )}
      </section>
      <section className="space-y-3" aria-label="Your sessions">
        <h2 className="text-xl font-bold text-ink">Your sessions</h2>
        {r.sessions.length === 0 ? <p className="text-sm text-slate-600">No agreed session has started yet.</p> : r.sessions.map((s) => <RecapSessionCard key={s.id} s={s} />)}
      </section>
      <section className="space-y-3" aria-label="Labs you used">
        <h2 className="text-xl font-bold text-ink">Labs you used</h2>
        {r.labs.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {r.labs.map((l) => (
              <li key={l.id}>
                <span className="font-mono">{l.template}</span> ·{" "}
                {new Date(l.at).toLocaleString("en-GB", { timeZone: r.conference.timeZone, dateStyle: "medium", timeStyle: "short" })} · {l.status.toLowerCase()}
                {l.sessionId ? " · in a session" : ""}
              </li>
            ))}
          </ul>
        )}
        {r.notes.map((n) => (
          <p key={n} className="text-sm text-slate-500">
            {n}
          </p>
        ))}
      </section>
    </div>
  );
}
