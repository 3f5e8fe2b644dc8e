import { fail, ok, type Result } from "@/lib/errors";
import { CURATED_TAGS, TAG_SYNONYMS, type Tag } from "./catalog";
import type { TagErrorCode } from "./errors";

export const TAG_MAX_LENGTH = 32;
export const TAGS_MAX_COUNT = 12;

const BY_SLUG = new Map<string, Tag>(CURATED_TAGS.map((t) => [t.slug, t]));

/** Lowercase, drop accents, fold runs of spaces, underscores and slashes into one hyphen. */
function fold(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_/]+/g, "-");
}

function strip(folded: string): string {
  return folded
    .replace(/[^a-z0-9-]/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

const compact = (slug: string) => slug.replace(/-/g, "");

/**
 * Every spelling we recognise → curated slug. Keys are looked up in three forms so that
 * punctuation that carries meaning ("c#", ".net") and spacing variants ("docker compose",
 * "dockercompose") both resolve.
 */
const ALIASES: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const add = (spelling: string, slug: string) => {
    const f = fold(spelling);
    for (const key of [f, strip(f), compact(strip(f))]) if (key && !m.has(key)) m.set(key, slug);
  };
  for (const t of CURATED_TAGS) {
    add(t.slug, t.slug);
    add(t.label, t.slug);
  }
  for (const [spelling, slug] of Object.entries(TAG_SYNONYMS)) add(spelling, slug);
  return m;
})();

/**
 * Turns what a person typed into the slug we store: "K8s" → "kubernetes", "CI / CD" → "ci-cd",
 * "Multi_Stage Builds!" → "image-building", "Rust" → "rust" (free-form tags are kept).
 */
export function normalizeTag(input: string): Result<string, TagErrorCode> {
  const folded = fold(input);
  const stripped = strip(folded);
  const slug = ALIASES.get(folded) ?? ALIASES.get(stripped) ?? ALIASES.get(compact(stripped)) ?? stripped;
  if (slug === "") return fail("TAG_EMPTY", "A tag needs at least one letter or digit.");
  if (slug.length > TAG_MAX_LENGTH) {
    return fail("TAG_TOO_LONG", `A tag can be at most ${TAG_MAX_LENGTH} characters ("${slug.slice(0, 20)}…" is ${slug.length}).`);
  }
  return ok(slug);
}

/** Normalizes a list, drops duplicates (keeping first-seen order) and enforces a maximum count. */
export function normalizeTags(inputs: readonly string[], { max = TAGS_MAX_COUNT }: { max?: number } = {}): Result<string[], TagErrorCode> {
  const seen = new Set<string>();
  for (const [i, input] of inputs.entries()) {
    const r = normalizeTag(input);
    if (!r.ok) return fail(r.code, r.message, { [`tags.${i}`]: r.message });
    seen.add(r.value);
  }
  if (seen.size > max) {
    return fail("TOO_MANY_TAGS", `You can add at most ${max} tags; you gave ${seen.size}.`, {
      tags: `At most ${max} tags.`,
    });
  }
  return ok([...seen]);
}

export function isCuratedTag(slug: string): boolean {
  return BY_SLUG.has(slug);
}

/** Human label for a slug; free-form tags read as their words ("rust-lang" → "rust lang"). */
export function tagLabel(slug: string): string {
  return BY_SLUG.get(slug)?.label ?? slug.replace(/-/g, " ");
}

/** The label as it reads mid-sentence: "container security", but "LinuxKit" and "Go". */
export function tagPhrase(slug: string): string {
  const tag = BY_SLUG.get(slug);
  if (!tag) return slug.replace(/-/g, " ");
  return tag.common ? tag.label.charAt(0).toLowerCase() + tag.label.slice(1) : tag.label;
}

export function curatedTags(): readonly Tag[] {
  return CURATED_TAGS;
}
