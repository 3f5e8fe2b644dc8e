"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useApiAction } from "@/components/use-api-action";
import { Button, buttonClass } from "@/components/ui/button";
import { Avatar, Badge, EmptyState } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { TabBar } from "@/components/ui/tab-bar";
import { LEVEL_LABELS } from "@/lib/offers/rules";
import { OFFER_LENGTHS, OFFER_LEVELS, type PeopleList, type RecommendationList, type SearchResult } from "@/lib/offers/schema";
import { searchWords } from "./highlight";
import { OfferCard } from "./offer-card";

export type Tab = "browse" | "for-you" | "people";

export interface SearchState {
  q: string;
  tag: string;
  level: string;
  length: string;
  hasLab: boolean;
  page: number;
}

const TABS: Array<{ id: Tab; label: string; short: string }> = [
  { id: "browse", label: "Browse & search", short: "Search" },
  { id: "for-you", label: "For you", short: "For you" },
  { id: "people", label: "People to meet", short: "People" },
];

const DEBOUNCE_MS = 250;

function queryString(s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q.trim());
  if (s.tag) p.set("tag", s.tag);
  if (s.level) p.set("level", s.level);
  if (s.length) p.set("length", s.length);
  if (s.hasLab) p.set("hasLab", "true");
  if (s.page > 1) p.set("page", String(s.page));
  return p.toString();
}

const select = "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-moby-600";

export function OfferBrowser({
  initialTab,
  initialSearch,
  initialResult,
  initialRecommendations,
  initialPeople,
  tags,
}: {
  initialTab: Tab;
  initialSearch: SearchState;
  initialResult: SearchResult;
  /** null: not loaded with the page (another tab was asked for); opening the tab loads them. */
  initialRecommendations: RecommendationList["items"] | null;
  initialPeople: PeopleList["items"] | null;
  tags: Array<{ slug: string; label: string }>;
}) {
  const [tab, setTab] = useState<Tab>(initialTab);
  const [search, setSearch] = useState(initialSearch);
  const [result, setResult] = useState(initialResult);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recs, setRecs] = useState(initialRecommendations);
  const [people, setPeople] = useState(initialPeople);
  const latest = useRef(0);
  const first = useRef(true);

  useEffect(() => {
    const qs = queryString(search);
    const url = new URL(window.location.href);
    url.search = qs;
    if (tab !== "browse") url.searchParams.set("tab", tab);
    window.history.replaceState(null, "", url);
  }, [search, tab]);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = ++latest.current;
    setLoading(true);
    const timer = setTimeout(async () => {
      const r = await apiFetch<SearchResult>(`/api/v1/offers?${queryString(search)}`);
      if (id !== latest.current) return;
      setLoading(false);
      if (r.ok) {
        setResult(r.data);
        setError(null);
      } else setError(r.error.message);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const refreshRecommendations = useCallback(async () => {
    const [r, p] = await Promise.all([apiFetch<RecommendationList>("/api/v1/recommendations"), apiFetch<PeopleList>("/api/v1/people/recommended")]);
    if (r.ok) setRecs(r.data.items);
    if (p.ok) setPeople(p.data.items);
  }, []);

  const update = (patch: Partial<SearchState>) => setSearch((s) => ({ ...s, page: 1, ...patch }));
  const terms = [...searchWords(search.q), ...result.corrections.map((c) => c.to)];
  const filtered = Boolean(search.tag || search.level || search.length || search.hasLab);

  return (
    <div className="space-y-6">
      <TabBar
        label="Offers"
        selected={tab}
        onSelect={(id) => {
          setTab(id);
          if (id !== "browse") void refreshRecommendations();
        }}
        items={TABS.map((t) => ({
          id: t.id,
          content: (
            <>
              <span className="sm:hidden">{t.short}</span>
              <span className="hidden sm:inline">{t.label}</span>
              {t.id === "for-you" && recs?.length ? <span className="ml-1.5 opacity-80">{recs.length}</span> : null}
            </>
          ),
        }))}
      />

      {tab === "browse" ? (
        <section aria-label="Browse and search" className="space-y-4">
          <div className="grid gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6">
            <label className="sm:col-span-2 lg:col-span-2">
              <span className="sr-only">Search offers</span>
              <input
                type="search"
                value={search.q}
                onChange={(e) => update({ q: e.target.value })}
                placeholder="Search: kubernetes, LinuxKit, a name…"
                aria-label="Search offers"
                maxLength={200}
                className="block w-full rounded-lg border-0 px-3 py-2 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-moby-600"
              />
            </label>
            <label>
              <span className="sr-only">Tag</span>
              <select aria-label="Tag" value={search.tag} onChange={(e) => update({ tag: e.target.value })} className={select}>
                <option value="">Any topic</option>
                {tags.map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="sr-only">Level</span>
              <select aria-label="Level" value={search.level} onChange={(e) => update({ level: e.target.value })} className={select}>
                <option value="">Any level</option>
                {OFFER_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {LEVEL_LABELS[l]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="sr-only">Length</span>
              <select aria-label="Length" value={search.length} onChange={(e) => update({ length: e.target.value })} className={select}>
                <option value="">Any length</option>
                {OFFER_LENGTHS.map((l) => (
                  <option key={l} value={String(l)}>
                    {l} minutes
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={search.hasLab} onChange={(e) => update({ hasLab: e.target.checked })} className="h-4 w-4 rounded border-slate-300" />
              With a live lab
            </label>
          </div>

          <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600" aria-live="polite">
            <p data-testid="search-summary">
              {loading ? "Searching…" : `${result.total} ${result.total === 1 ? "offer" : "offers"}${search.q.trim() ? ` for “${search.q.trim()}”` : ""}`}
              {!loading && result.fuzzy ? (
                <span className="ml-2">
                  <Badge tone="amber">Including similar spellings</Badge>
                </span>
              ) : null}
              {!loading && result.showingResultsFor ? (
                <span data-testid="search-corrected" className="block">
                  Showing results for <em className="font-semibold text-ink">{result.showingResultsFor}</em>
                </span>
              ) : null}
              {!loading && result.total > 0 && result.unmatched.length > 0 ? (
                <span data-testid="search-unmatched" className="block">
                  No offer mentions {result.unmatched.map((w) => `“${w}”`).join(", ")}; these match your other words.
                </span>
              ) : null}
            </p>
            {filtered || search.q ? (
              <button
                type="button"
                className="font-medium text-moby-700 hover:underline"
                onClick={() => setSearch({ q: "", tag: "", level: "", length: "", hasLab: false, page: 1 })}
              >
                Clear search and filters
              </button>
            ) : null}
          </div>
          <FormError message={error} />

          {result.items.length === 0 && !loading ? (
            <EmptyState title={search.q.trim() ? `No offers match “${search.q.trim()}”` : "No offers match these filters"}>
              {search.q.trim() ? "Try a broader word, or check the spelling" : "Try removing a filter"}
              {filtered ? " — or clear the filters." : "."}
            </EmptyState>
          ) : (
            <ul className={`grid gap-4 sm:grid-cols-2 lg:grid-cols-3 ${loading ? "opacity-60" : ""}`}>
              {result.items.map((offer) => (
                <li key={offer.id}>
                  <OfferCard offer={offer} terms={terms} activeTag={search.tag} onTag={(tag) => update({ tag: search.tag === tag ? "" : tag })} />
                </li>
              ))}
            </ul>
          )}

          {result.pages > 1 ? (
            <nav aria-label="Pages" className="flex items-center justify-center gap-3">
              <Button variant="secondary" disabled={search.page <= 1} onClick={() => setSearch((s) => ({ ...s, page: s.page - 1 }))}>
                Previous
              </Button>
              <span className="text-sm text-slate-600">
                Page {result.page} of {result.pages}
              </span>
              <Button variant="secondary" disabled={search.page >= result.pages} onClick={() => setSearch((s) => ({ ...s, page: s.page + 1 }))}>
                Next
              </Button>
            </nav>
          ) : null}
        </section>
      ) : null}

      {tab === "for-you" ? <ForYou items={recs} onChange={setRecs} refresh={refreshRecommendations} /> : null}
      {tab === "people" ? <People items={people} /> : null}
    </div>
  );
}

function NoSignals({ what }: { what: string }) {
  return (
    <EmptyState title={`No ${what} yet`}>
      Add topics you want to learn (and topics you can help with) to your profile, and we&apos;ll suggest {what} with a reason for each.
      <div className="mt-3">
        <Link href="/profile" className={buttonClass("secondary")}>
          Edit my topics
        </Link>
      </div>
    </EmptyState>
  );
}

function ForYou({ items, onChange, refresh }: { items: RecommendationList["items"] | null; onChange: (items: RecommendationList["items"]) => void; refresh: () => Promise<void> }) {
  const { call, error } = useApiAction();

  async function veto(id: string) {
    if (!items) return;
    const before = items;
    onChange(items.filter((i) => i.offer.id !== id));
    const r = await call(() => apiFetch(`/api/v1/offers/${id}/veto`, { method: "POST" }));
    if (!r.ok) return onChange(before);
    await refresh();
  }

  return (
    <section aria-label="For you" className="space-y-4" aria-busy={items === null}>
      <p className="text-sm text-slate-600">Picked for you from what you want to learn, what you looked at and requested. Every card says why.</p>
      <FormError message={error?.message} />
      {items === null ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : items.length === 0 ? (
        <NoSignals what="recommendations" />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="for-you">
          {items.map((item) => (
            <li key={item.offer.id}>
              <OfferCard
                offer={item.offer}
                reason={item.reason}
                mutual={item.mutual}
                actions={
                  <Button variant="ghost" className="!px-2 !py-1 text-xs" onClick={() => veto(item.offer.id)} aria-label={`Not for me: ${item.offer.title}`}>
                    Not for me
                  </Button>
                }
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function People({ items }: { items: PeopleList["items"] | null }) {
  return (
    <section aria-label="People you should meet" className="space-y-4" aria-busy={items === null}>
      <p className="text-sm text-slate-600">People whose sessions fit you best, from the same scores as “For you”.</p>
      {items === null ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : items.length === 0 ? (
        <NoSignals what="people" />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="people">
          {items.map((p) => (
            <li key={p.person.id} className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
              <div className="flex items-start gap-3">
                <Avatar name={p.person.name} />
                <div className="min-w-0">
                  <Link href={`/people/${p.person.id}`} className="font-semibold text-ink hover:underline">
                    {p.person.name}
                  </Link>
                  {p.person.headline ? <p className="text-sm text-slate-600">{p.person.headline}</p> : null}
                </div>
              </div>
              <p className="flex items-start gap-2 rounded-lg bg-moby-50 px-3 py-2 text-sm font-medium text-moby-700">
                <span aria-hidden="true">★</span>
                <span className="flex-1">{p.reason}</span>
                {p.mutual ? <Badge tone="green">Mutual match</Badge> : null}
              </p>
              <ul className="space-y-1 text-sm">
                {p.offers.map((o) => (
                  <li key={o.id}>
                    <Link href={`/offers/${o.id}`} className="text-moby-700 hover:underline">
                      {o.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
