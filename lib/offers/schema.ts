import { z } from "zod";
import { normalizeTags } from "@/lib/tags/rules";
import { multiLine, singleLine } from "@/lib/text-input";

export const OFFER_LEVELS = ["INTRO", "PRACTITIONER", "DEEP_DIVE"] as const;
export type OfferLevelName = (typeof OFFER_LEVELS)[number];
export const OFFER_LENGTHS = [15, 20, 30] as const;
export const OFFER_TAGS_MAX = 8;

const LEVEL_MESSAGE = "Level is one of INTRO, PRACTITIONER or DEEP_DIVE.";

/** "deep-dive", "Deep dive" and "DEEP_DIVE" all mean DEEP_DIVE. */
const level = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .trim()
          .toUpperCase()
          .replace(/[\s-]+/g, "_")
      : v,
  z.enum(OFFER_LEVELS, { error: LEVEL_MESSAGE }),
);

const title = singleLine("Title", { error: "Title is required." }).min(3, "Title needs at least 3 characters.").max(120, "Title is at most 120 characters.");

const description = multiLine("Description", { error: "Description is text (Markdown)." }).max(4000, "Description is at most 4,000 characters.");

const tags = z
  .array(singleLine("A tag", { error: "A tag is text." }).max(64, "A tag is at most 64 characters."), { error: "tags is a list of tags." })
  .max(200, `At most ${OFFER_TAGS_MAX} tags.`)
  .transform((list, ctx) => {
    const normalized = normalizeTags(list, { max: OFFER_TAGS_MAX });
    if (normalized.ok) return normalized.value;
    ctx.addIssue({ code: "custom", message: normalized.message });
    return z.NEVER;
  });

const lengthMinutes = z.literal(OFFER_LENGTHS, { error: "Session length is 15, 20 or 30 minutes." });

/** A template name, or null for no lab; "" from a form's empty choice means none. */
const labTemplate = z.preprocess(
  (v) => (v === "" ? null : v),
  singleLine("Lab template", { error: "Lab template is a template name." })
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lab template is a template name such as shell.")
    .nullable(),
);

export const offerCreate = z.strictObject({
  title,
  description: description.default(""),
  tags: tags.default([]),
  level: level.default("PRACTITIONER"),
  lengthMinutes: lengthMinutes.default(20),
  labTemplate: labTemplate.optional(),
  active: z.boolean({ error: "active is true or false." }).default(true),
});
export type OfferCreate = z.output<typeof offerCreate>;

export const offerUpdate = z.strictObject({
  title: title.optional(),
  description: description.optional(),
  tags: tags.optional(),
  level: level.optional(),
  lengthMinutes: lengthMinutes.optional(),
  labTemplate: labTemplate.optional(),
  active: z.boolean({ error: "active is true or false." }).optional(),
});
export type OfferUpdate = z.output<typeof offerUpdate>;

export const offerHide = z.strictObject({
  reason: multiLine("The reason", { error: "Give a reason the owner will read." })
    .min(3, "Give a reason the owner will read (at least 3 characters).")
    .max(500, "The reason is at most 500 characters."),
});

export const offerParams = z.object({ id: singleLine("id").min(1).max(64) });

const flag = z.enum(["true", "false", "1", "0"], { error: "Use true or false." }).transform((v) => v === "true" || v === "1");

export const offerSearchQuery = z.object({
  q: singleLine("The search").max(200, "The search is at most 200 characters.").optional(),
  tag: singleLine("tag").max(64).optional(),
  level: level.optional(),
  length: z.coerce.number().pipe(lengthMinutes).optional(),
  hasLab: flag.optional(),
  page: z.coerce.number().int().min(1, "Pages start at 1.").max(1000).default(1),
  limit: z.coerce.number().int().min(1).max(50, "At most 50 per page.").default(12),
});
export type OfferSearchQuery = z.output<typeof offerSearchQuery>;

export const recommendationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(12),
});

const owner = z.object({ id: z.string(), name: z.string(), headline: z.string() });

export const offerSummary = z.object({
  id: z.string(),
  title: z.string(),
  excerpt: z.string().describe("The description's first words as plain text."),
  tags: z.array(z.string()),
  level: z.enum(OFFER_LEVELS),
  lengthMinutes: z.number(),
  labTemplate: z.string().nullable(),
  owner,
});
export type OfferSummary = z.infer<typeof offerSummary>;

export const offerView = offerSummary.extend({
  description: z.string(),
  descriptionHtml: z.string().describe("The description rendered from Markdown and sanitized."),
  active: z.boolean(),
  mine: z.boolean(),
  hidden: z.object({ reason: z.string(), at: z.string() }).nullable().describe("Set when an organizer hid the offer; shown to its owner and organizers only."),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OfferView = z.infer<typeof offerView>;

export const offerList = z.object({ items: z.array(offerView) });

export const searchResult = z.object({
  items: z.array(offerSummary.extend({ score: z.number() })),
  total: z.number(),
  page: z.number(),
  limit: z.number(),
  pages: z.number(),
  fuzzy: z.boolean().describe("True when a word matched no offer as typed and similar vocabulary words were searched for it."),
  corrections: z.array(z.object({ from: z.string(), to: z.string() })).describe('Each misspelt word and the word shown for it, e.g. { from: "secerts", to: "secrets" }.'),
  showingResultsFor: z.string().nullable().describe('The search as corrected ("Showing results for secrets"), or null.'),
  unmatched: z.array(z.string()).describe("Words no offer matched, even corrected; the results match the other words and rank lower."),
});
export type SearchResult = z.infer<typeof searchResult>;

export const recommendationList = z.object({
  items: z.array(
    z.object({
      offer: offerSummary,
      reason: z.string().describe('One line: why this offer, e.g. "You both care about container security".'),
      mutual: z.boolean().describe("You seek what they offer and they seek what you offer."),
      score: z.number(),
    }),
  ),
});
export type RecommendationList = z.infer<typeof recommendationList>;

export const peopleList = z.object({
  items: z.array(
    z.object({
      person: owner,
      reason: z.string(),
      mutual: z.boolean(),
      score: z.number(),
      offers: z.array(z.object({ id: z.string(), title: z.string() })),
    }),
  ),
});
export type PeopleList = z.infer<typeof peopleList>;
