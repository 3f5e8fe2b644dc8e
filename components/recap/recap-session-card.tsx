import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import type { PersonCard, RecapSessionView } from "@/lib/recap/schema";

const stars = (n: number) => `${"★".repeat(n)}${"☆".repeat(5 - n)}`;

/** A person met: what they share (the contact rule decides), their profile and their card. */
export function PersonContact({ person, extra }: { person: PersonCard; extra?: string }) {
  return (
    <div className="min-w-0 space-y-1" data-testid="person-contact">
      <p className="font-semibold text-ink">
        <Link className="hover:text-moby-700" href={`/people/${encodeURIComponent(person.id)}`}>
          {person.name}
        </Link>
        {extra ? <span className="ml-2 text-sm font-normal text-slate-500">{extra}</span> : null}
      </p>
      {person.headline || person.company ? <p className="text-sm text-slate-600">{[person.headline, person.company].filter(Boolean).join(" · ")}</p> : null}
      {person.email ? (
        <p className="break-all text-sm">
          <a className="text-moby-700 underline" href={`mailto:${person.email}`}>
            {person.email}
          </a>
        </p>
      ) : null}
      {person.vcardUrl ? (
        <a className="inline-block text-sm font-semibold text-moby-700 underline" href={person.vcardUrl} download>
          Download card (.vcf)
        </a>
      ) : (
        <p className="text-sm text-slate-500">No card: you did not meet (yet).</p>
      )}
    </div>
  );
}

export function RecapSessionCard({ s, link = true }: { s: RecapSessionView; link?: boolean }) {
  const tone = s.happened === "no" ? "red" : s.happened === "yes" ? "green" : "slate";
  const said = s.happened === "no" ? "Did not happen" : s.happened === "yes" ? "Happened" : s.over ? "Not confirmed" : "Running now";
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold text-ink">{link ? <Link href={`/recap/${encodeURIComponent(s.id)}`}>{s.title}</Link> : s.title}</h3>
          <p className="text-sm text-slate-600">
            {s.when}
            {s.table ? ` · table ${s.table}${s.area ? `, ${s.area}` : ""}` : ""}
          </p>
        </div>
        <Badge tone={tone}>{said}</Badge>
      </div>
      <PersonContact person={s.with} />
      <dl className="grid gap-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Checked in</dt>
          <dd>{s.given.checkedIn ? "Yes" : "No"}</dd>
        </div>
        <div>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Your rating</dt>
          <dd>
            {s.given.rating ? (
              <>
                <span aria-hidden="true">{stars(s.given.rating)}</span>
                <span className="sr-only">{s.given.rating} of 5</span>
              </>
            ) : (
              "—"
            )}
          </dd>
        </div>
        <div className="sm:col-span-3">
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Your note</dt>
          <dd className="whitespace-pre-line">{s.given.note ?? "—"}</dd>
        </div>
      </dl>
      {s.labs.length > 0 ? (
        <ul className="text-sm text-slate-700">
          {s.labs.map((l) => (
            <li key={l.id}>
              Lab <span className="font-mono">{l.template}</span> · {l.status.toLowerCase()}
              {l.secondsToShell !== null ? ` · shell in ${l.secondsToShell} s` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
