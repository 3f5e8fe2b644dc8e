import { fail, ok, type Result } from "@/lib/errors";
import type { MissedSearch, OfferRecord, OfferRepo, OfferWrite } from "./repo";
import { isCuratedTag, normalizeTag } from "@/lib/tags/rules";
import { canSeeOffer, searchTerms, toSummary, type Viewer } from "./rules";
import type { OfferCreate, OfferSearchQuery, OfferSummary, OfferUpdate, OfferView, SearchResult } from "./schema";
import type { SearchInput, SearchPage } from "./search";

export const OFFERS_PER_PERSON = 10;

export interface OfferDeps {
  offers: OfferRepo;
  search: (input: SearchInput) => Promise<SearchPage>;
  /** Names of the lab templates an offer of this person may name (the directory's and their own). */
  labTemplates: (ownerId: string) => readonly string[];
  render: (markdown: string) => string;
  /** Called after any change that recommendations must see (the match index is rebuilt). */
  changed: () => void;
  /** A search that found nothing (organizer analytics: topics people look for and nobody offers). */
  recordMissedSearch: (miss: MissedSearch) => Promise<void>;
  now: () => Date;
}

const notFound = () => fail("OFFER_NOT_FOUND", "No such offer. It may have been removed.");

function toView(r: OfferRecord, viewer: Viewer, render: (md: string) => string): OfferView {
  const privileged = r.ownerId === viewer.id || viewer.role === "ORGANIZER";
  return {
    ...toSummary(r),
    description: r.description,
    descriptionHtml: render(r.description),
    active: r.active,
    mine: r.ownerId === viewer.id,
    hidden: privileged && r.hiddenAt ? { reason: r.hiddenReason ?? "", at: r.hiddenAt.toISOString() } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function checkTemplate(deps: OfferDeps, viewer: Viewer, name: string | null | undefined) {
  if (name === null || name === undefined) return null;
  const known = deps.labTemplates(viewer.id);
  if (known.includes(name)) return null;
  const message = `There is no lab template "${name}". Choose one of: ${known.join(", ") || "(none installed)"}.`;
  return fail("VALIDATION_FAILED", message, { labTemplate: message });
}

/** The offer, when it exists and belongs to the viewer. */
async function ownOffer(deps: OfferDeps, viewer: Viewer, id: string): Promise<Result<OfferRecord>> {
  const offer = await deps.offers.find(id);
  if (!offer || !canSeeOffer(offer, viewer)) return notFound();
  if (offer.ownerId !== viewer.id) return fail("OFFER_NOT_YOURS", "You can only change your own offers.");
  return ok(offer);
}

export async function createOffer(deps: OfferDeps, viewer: Viewer, input: OfferCreate): Promise<Result<OfferView>> {
  const bad = checkTemplate(deps, viewer, input.labTemplate);
  if (bad) return bad;
  if ((await deps.offers.countByOwner(viewer.id)) >= OFFERS_PER_PERSON) {
    return fail("OFFER_LIMIT_REACHED", `You can hold at most ${OFFERS_PER_PERSON} offers. Delete or reuse one.`);
  }
  const data: OfferWrite = { ...input, labTemplate: input.labTemplate ?? null };
  const created = await deps.offers.create(viewer.id, data);
  deps.changed();
  return ok(toView(created, viewer, deps.render));
}

export async function updateOffer(deps: OfferDeps, viewer: Viewer, id: string, patch: OfferUpdate): Promise<Result<OfferView>> {
  const own = await ownOffer(deps, viewer, id);
  if (!own.ok) return own;
  const bad = checkTemplate(deps, viewer, patch.labTemplate);
  if (bad) return bad;
  const updated = await deps.offers.update(id, patch);
  deps.changed();
  return ok(toView(updated, viewer, deps.render));
}

export async function deleteOffer(deps: OfferDeps, viewer: Viewer, id: string): Promise<Result<null>> {
  const own = await ownOffer(deps, viewer, id);
  if (!own.ok) return own;
  await deps.offers.delete(id);
  deps.changed();
  return ok(null);
}

/** Organizers hide an offer from everyone but its owner, who sees the reason. */
export async function hideOffer(deps: OfferDeps, organizer: Viewer, id: string, reason: string): Promise<Result<OfferView>> {
  if (organizer.role !== "ORGANIZER") return fail("FORBIDDEN", "Only organizers can hide offers.");
  const offer = await deps.offers.find(id);
  if (!offer) return notFound();
  const updated = await deps.offers.setHidden(id, { reason, byId: organizer.id, at: deps.now() });
  deps.changed();
  return ok(toView(updated, organizer, deps.render));
}

export async function unhideOffer(deps: OfferDeps, organizer: Viewer, id: string): Promise<Result<OfferView>> {
  if (organizer.role !== "ORGANIZER") return fail("FORBIDDEN", "Only organizers can unhide offers.");
  const offer = await deps.offers.find(id);
  if (!offer) return notFound();
  const updated = await deps.offers.setHidden(id, null);
  deps.changed();
  return ok(toView(updated, organizer, deps.render));
}

/** One offer; looking at someone else's offer is remembered as a signal for recommendations. */
export async function getOffer(deps: OfferDeps, viewer: Viewer, id: string): Promise<Result<OfferView>> {
  const offer = await deps.offers.find(id);
  if (!offer || !canSeeOffer(offer, viewer)) return notFound();
  if (offer.ownerId !== viewer.id) await deps.offers.recordView(viewer.id, id, deps.now());
  return ok(toView(offer, viewer, deps.render));
}

export async function listMyOffers(deps: OfferDeps, viewer: Viewer): Promise<Result<{ items: OfferView[] }>> {
  const offers = await deps.offers.listByOwner(viewer.id);
  return ok({ items: offers.map((o) => toView(o, viewer, deps.render)) });
}

export async function searchOfferList(deps: OfferDeps, query: OfferSearchQuery, viewer?: Viewer): Promise<Result<SearchResult>> {
  const { q, tag, level, length, hasLab, page, limit } = query;
  const text = q?.trim() || undefined;
  const found = await deps.search({ q: text, tag, level, length, hasLab, page, limit });
  if (viewer && found.total === 0 && (text || tag)) await noteMissedSearch(deps, viewer, text ?? null, tag);
  return ok({ ...found, page, limit, pages: Math.max(1, Math.ceil(found.total / limit)) });
}

/** The topics a search that found nothing asked for: its tag filter and every word that is a known tag. */
async function noteMissedSearch(deps: OfferDeps, viewer: Viewer, query: string | null, tag: string | undefined): Promise<void> {
  const tags = new Set<string>();
  for (const word of [...(tag ? [tag] : []), ...(query ? [query, ...searchTerms(query)] : [])]) {
    const t = normalizeTag(word);
    if (t.ok && isCuratedTag(t.value)) tags.add(t.value);
  }
  try {
    await deps.recordMissedSearch({ userId: viewer.id, query: query?.slice(0, 200) ?? null, tags: [...tags], at: deps.now() });
  } catch {
    // Analytics must never cost anyone their search results.
  }
}

/** "Not for me": the offer never comes back in this person's recommendations. */
export async function vetoOffer(deps: OfferDeps, viewer: Viewer, id: string): Promise<Result<null>> {
  const offer = await deps.offers.find(id);
  if (!offer || !canSeeOffer(offer, viewer)) return notFound();
  await deps.offers.veto(viewer.id, id);
  return ok(null);
}

export async function unvetoOffer(deps: OfferDeps, viewer: Viewer, id: string): Promise<Result<null>> {
  await deps.offers.unveto(viewer.id, id);
  return ok(null);
}

/** Someone's offers as the viewer may see them (all of them for the owner and organizers). */
export async function listOffersOf(deps: OfferDeps, viewer: Viewer, ownerId: string): Promise<Result<{ items: OfferSummary[] }>> {
  const offers = await deps.offers.listByOwner(ownerId);
  return ok({ items: offers.filter((o) => canSeeOffer(o, viewer)).map(toSummary) });
}
