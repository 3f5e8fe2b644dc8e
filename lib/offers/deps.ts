import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { loadTemplates } from "@/lib/labs/templates";
import { renderMarkdown } from "@/lib/markdown/render";
import { invalidateMatchIndex, prismaMatchStore, type RecommendDeps } from "./recommend";
import { offerRepo } from "./repo";
import { searchOffers } from "./search";
import type { OfferDeps } from "./service";

const TEMPLATE_TTL_MS = 60_000;
const globalTemplates = globalThis as unknown as { mingleOfferTemplates?: { names: string[]; at: number } };

/** Template names from the labs' template directory, re-read at most once a minute. */
export function labTemplateNames(): string[] {
  const cached = globalTemplates.mingleOfferTemplates;
  if (cached && Date.now() - cached.at < TEMPLATE_TTL_MS) return cached.names;
  const names = [...loadTemplates().templates.keys()].sort();
  globalTemplates.mingleOfferTemplates = { names, at: Date.now() };
  return names;
}

export function offerDeps(overrides: Partial<OfferDeps> = {}): OfferDeps {
  return {
    offers: offerRepo(db),
    search: (input) => searchOffers(db, input),
    labTemplates: labTemplateNames,
    render: renderMarkdown,
    changed: invalidateMatchIndex,
    now: () => new Date(),
    ...overrides,
  };
}

export function recommendDeps(): RecommendDeps {
  return { store: prismaMatchStore(db, env().DATABASE_URL) };
}
