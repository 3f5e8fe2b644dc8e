"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/card";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, FormError, SearchInput, TextArea } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import type { AvailableNowView, SessionView } from "@/lib/booking/schema";
import { bookingErrorMessage } from "./messages";
import { requestSession } from "./request-session";
import { Sheet } from "./sheet";
import { slotClock, untilLabel, viewerTimeZone, zoneLabel } from "./slot-time";
import { useLiveRefresh } from "./use-live-refresh";
import { useNow } from "./use-now";

type Expert = AvailableNowView["experts"][number];
type Walkup = { expert: Expert; offer: { id: string; title: string } };

/** A busy hall can have dozens of free experts; show a screenful and a filter. */
const EXPERTS_SHOWN = 12;

/**
 * "Available now": who and which tables are free in the current and the next slot, for walk-up
 * sessions in two taps (an expert's offer, then the time). The running slot can be requested
 * while enough of it is left (`walkupUntil`); after that a walk-up books the next slot.
 */
export function AvailableNow() {
  const [view, setView] = useState<AvailableNowView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [walkup, setWalkup] = useState<Walkup | null>(null);
  const [zone] = useState(viewerTimeZone);
  const [filter, setFilter] = useState("");
  const [showAll, setShowAll] = useState(false);
  const now = useNow(5_000);

  const load = useCallback(async () => {
    const result = await apiFetch<AvailableNowView>("/api/v1/available-now");
    if (result.ok) {
      setView(result.data);
      setError(null);
    } else setError(result.error.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveRefresh(["availability:changed", "booking:changed"], load, 150, 600);

  // When the current slot ends, "now" and "next" move on by themselves.
  const boundary = view?.current?.endsAt ?? view?.next?.startsAt ?? null;
  useEffect(() => {
    if (!boundary) return;
    const wait = new Date(boundary).getTime() - Date.now() + 1_000;
    if (wait <= 0 || wait > 2 ** 31 - 1) return;
    const id = setTimeout(() => void load(), wait);
    return () => clearTimeout(id);
  }, [boundary, load]);

  if (error && !view) return <FormError message={error} />;
  if (!view) return <p className="py-10 text-center text-slate-500">Looking around the hall…</p>;

  const clock = (slot: { startsAt: string; endsAt: string }) => slotClock(slot.startsAt, slot.endsAt, view.timeZone, zone);
  if (!view.current && !view.next) {
    return (
      <div className="rounded-2xl border-2 border-dashed border-slate-300 p-8 text-center" data-testid="mingle-closed">
        <p className="font-semibold text-slate-800">No mingle slot right now</p>
        <p className="mt-2 text-sm text-slate-600">
          Mingle hours are over for now. Plan ahead in{" "}
          <Link href="/offers" className="font-medium text-moby-700 underline">
            Offers
          </Link>
          .
        </p>
      </div>
    );
  }

  const needle = filter.trim().toLowerCase();
  const experts = [...view.experts]
    .filter((e) => e.freeNow || e.freeNext)
    .filter((e) => !needle || [e.name, e.headline, ...e.offers.map((o) => o.title)].some((t) => t.toLowerCase().includes(needle)))
    .sort((a, b) => Number(b.freeNext) - Number(a.freeNext) || a.name.localeCompare(b.name));
  const visible = showAll || needle ? experts : experts.slice(0, EXPERTS_SHOWN);
  const areas = new Map<string, { name: string; location: string; tables: AvailableNowView["tables"] }>();
  for (const t of view.tables) {
    const area = areas.get(t.area.id) ?? { name: t.area.name, location: t.area.location, tables: [] };
    area.tables.push(t);
    areas.set(t.area.id, area);
  }
  const nowOpen = view.current !== null && view.walkupUntil !== null && new Date(view.walkupUntil).getTime() > now;
  const canNow = (e: Expert) => nowOpen && e.freeNow;
  const canNext = (e: Expert) => view.next !== null && e.freeNext;
  const freeNowCount = view.tables.filter((t) => t.freeNow).length;
  const freeNextCount = view.tables.filter((t) => t.freeNext).length;

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3">
        <SlotSummary
          title="Now"
          clock={view.current ? clock(view.current) : null}
          extra={view.current ? `ends ${untilLabel(view.current.endsAt, now)} · “Meet now” ${nowOpen ? `closes ${untilLabel(view.walkupUntil!, now)}` : "closed"}` : "no slot"}
          tables={freeNowCount}
          testId="slot-now"
        />
        <SlotSummary
          title="Next"
          clock={view.next ? clock(view.next) : null}
          extra={view.next ? `starts ${untilLabel(view.next.startsAt, now)}` : "no later slot"}
          tables={freeNextCount}
          testId="slot-next"
        />
      </div>
      <p className="-mt-3 text-xs text-slate-500">Times in {zoneLabel(view.timeZone)}. Updates by itself.</p>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="experts-now" data-testid="experts-now">
          <div className="mb-3 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <h2 id="experts-now" className="text-lg font-bold text-ink">
              Experts free <span className="ml-1 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-700">{experts.length}</span>
            </h2>
            <SearchInput value={filter} onValue={setFilter} placeholder="Filter by name or topic" label="Filter experts by name or topic" className="w-full sm:w-64" />
          </div>
          {experts.length === 0 ? (
            <p className="rounded-2xl bg-white p-6 text-center text-sm text-slate-600 ring-1 ring-slate-200">
              {needle ? "Nobody free matches that." : "Nobody has marked these slots as free yet."}
            </p>
          ) : (
            <ul className="grid gap-3 xl:grid-cols-2">
              {visible.map((expert) => (
                <li key={expert.id} data-testid="expert-now" data-expert-id={expert.id} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                  <div>
                    <p className="font-semibold text-ink">{expert.name}</p>
                    {expert.headline ? <p className="text-sm text-slate-600">{expert.headline}</p> : null}
                    <div className="mt-2 flex gap-1">
                      {expert.freeNow ? <Badge tone="green">free now</Badge> : null}
                      {expert.freeNext ? <Badge tone="moby">free next</Badge> : <Badge>busy next</Badge>}
                    </div>
                  </div>
                  {expert.offers.length > 0 ? (
                    <div className="mt-3 flex flex-wrap gap-2">
                      {expert.offers.map((offer) => (
                        <button
                          key={offer.id}
                          type="button"
                          disabled={!canNow(expert) && !canNext(expert)}
                          onClick={() => setWalkup({ expert, offer })}
                          className="rounded-full bg-moby-50 px-3 py-1.5 text-left text-sm font-medium text-moby-700 ring-1 ring-moby-100 hover:ring-moby-500 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-400 disabled:ring-slate-200"
                        >
                          {offer.title}
                        </button>
                      ))}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {visible.length < experts.length ? (
            <button type="button" onClick={() => setShowAll(true)} className={buttonClass("secondary", "mt-3 w-full")}>
              Show all {experts.length} experts
            </button>
          ) : null}
        </section>

        <section aria-labelledby="tables-now" data-testid="tables-now">
          <h2 id="tables-now" className="mb-3 text-lg font-bold text-ink">
            Tables
          </h2>
          <div className="space-y-3">
            {[...areas.entries()].map(([id, area]) => (
              <div key={id} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                <p className="font-semibold text-ink">{area.name}</p>
                {area.location ? <p className="text-xs text-slate-500">{area.location}</p> : null}
                <ul className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-4 lg:grid-cols-3">
                  {area.tables.map((t) => (
                    <li
                      key={t.id}
                      data-testid="table-now"
                      data-table={t.label}
                      data-free-now={t.freeNow}
                      data-free-next={t.freeNext}
                      className="rounded-lg px-2 py-1.5 text-center ring-1 ring-slate-200"
                    >
                      <span className="block text-sm font-semibold text-slate-900">{t.label}</span>
                      <span className="mt-0.5 flex justify-center gap-1" role="img" aria-label={`${t.freeNow ? "free" : "taken"} now, ${t.freeNext ? "free" : "taken"} next`}>
                        <Dot on={t.freeNow} title="now" />
                        <Dot on={t.freeNext} title="next" />
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <p className="flex gap-3 text-xs text-slate-500">
              <span className="inline-flex items-center gap-1">
                <Dot on title="" /> free
              </span>
              <span className="inline-flex items-center gap-1">
                <Dot on={false} title="" /> taken
              </span>
              <span>left: now · right: next</span>
            </p>
          </div>
        </section>
      </div>

      {walkup ? (
        <WalkupSheet
          walkup={walkup}
          choices={[
            ...(canNow(walkup.expert) && view.current ? [{ kind: "now" as const, startsAt: view.current.startsAt, label: clock(view.current), until: view.walkupUntil! }] : []),
            ...(canNext(walkup.expert) && view.next ? [{ kind: "next" as const, startsAt: view.next.startsAt, label: clock(view.next) }] : []),
          ]}
          onClose={() => setWalkup(null)}
          onDone={() => void load()}
        />
      ) : null}
    </div>
  );
}

function SlotSummary({
  title,
  clock,
  extra,
  tables,
  testId,
}: {
  title: string;
  clock: { local: string; yours: string | null } | null;
  extra: string;
  tables: number;
  testId: string;
}) {
  return (
    <div data-testid={testId} className={`rounded-2xl p-3 ring-1 sm:p-4 ${clock ? "bg-white ring-slate-200" : "bg-slate-50 ring-slate-100"}`}>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</p>
      <p className="mt-1 text-lg font-bold tabular-nums text-ink sm:text-xl">{clock?.local ?? "—"}</p>
      {clock?.yours ? <p className="text-xs text-moby-700">{clock.yours} your time</p> : null}
      <p className="mt-1 text-sm text-slate-600">
        {extra}
        {clock ? (
          <>
            <span className="hidden sm:inline"> · </span>
            <br className="sm:hidden" />
            <span data-testid={`${testId}-tables`}>{tables}</span> table{tables === 1 ? "" : "s"} free
          </>
        ) : null}
      </p>
    </div>
  );
}

function Dot({ on, title }: { on: boolean; title: string }) {
  return <span aria-hidden title={title} className={`inline-block h-2.5 w-2.5 rounded-full ${on ? "bg-green-500" : "bg-slate-300"}`} />;
}

type Clock = { local: string; yours: string | null };
type WalkupChoice = { kind: "now"; startsAt: string; label: Clock; until: string } | { kind: "next"; startsAt: string; label: Clock };

function choiceLabel(choice: WalkupChoice): string {
  const yours = choice.label.yours ? ` (${choice.label.yours} your time)` : "";
  if (choice.kind === "now") return `Meet now · ${choice.label.local}${yours}`;
  return `Request next slot · ${choice.label.local}${yours}`;
}

function WalkupSheet({ walkup, choices, onClose, onDone }: { walkup: Walkup; choices: WalkupChoice[]; onClose: () => void; onDone: () => void }) {
  const [message, setMessage] = useState("");
  const { call, busy, error } = useApiAction();
  const [sent, setSent] = useState<SessionView | null>(null);
  const meetNow = choices.find((c) => c.kind === "now");

  const send = async (choice: WalkupChoice) => {
    const result = await call(() => requestSession(walkup.offer.id, choice.startsAt, message));
    if (result.ok) {
      setSent(result.data);
      onDone();
    }
  };

  return (
    <Sheet title={sent ? "Request sent" : `Ask ${walkup.expert.name}`} onClose={onClose}>
      {sent ? (
        <div className="space-y-3" data-testid="walkup-sent">
          <p className="text-slate-700">
            {walkup.expert.name} has your request for <span className="font-medium">{sent.timeLabel}</span>. You will see their answer here and in My sessions.
          </p>
          <Link href="/sessions" className={buttonClass("primary", "w-full sm:w-auto")}>
            My sessions
          </Link>
        </div>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            About <span className="font-semibold text-slate-900">{walkup.offer.title}</span>
          </p>
          <FormError message={error && bookingErrorMessage(error)} />
          {choices.length === 0 ? <p className="text-sm text-slate-600">{walkup.expert.name} is no longer free now or next.</p> : null}
          {choices.map((choice, i) => (
            <Button
              key={choice.kind}
              type="button"
              variant={i === 0 ? "primary" : "secondary"}
              data-testid={`walkup-${choice.kind}`}
              className="w-full py-3 text-base"
              disabled={busy}
              onClick={() => void send(choice)}
            >
              {busy ? "Sending…" : choiceLabel(choice)}
            </Button>
          ))}
          {meetNow ? (
            <p className="-mt-2 text-xs text-slate-500">
              &ldquo;Meet now&rdquo; closes {untilLabel(meetNow.until, Date.now())}, so that {walkup.expert.name} has time to answer and you both have time to talk.
            </p>
          ) : null}
          <Field label="Message (optional)" htmlFor="walkup-message">
            <TextArea id="walkup-message" rows={2} maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="I'm by the coffee stand…" />
          </Field>
        </div>
      )}
    </Sheet>
  );
}
