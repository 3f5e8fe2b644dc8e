import { z } from "zod";
import { multiLine, singleLine } from "@/lib/text-input";

export const VISIBILITIES = ["HIDDEN", "BASIC", "FULL"] as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const tag = singleLine("A tag").max(64, "A tag is at most 64 characters.");

export const profileUpdate = z.strictObject({
  name: singleLine("Name").min(2, "Name needs at least 2 characters.").max(80, "Name is at most 80 characters.").optional(),
  headline: singleLine("Headline").max(120, "Headline is at most 120 characters.").optional(),
  company: singleLine("Company").max(80, "Company is at most 80 characters.").optional(),
  bio: multiLine("Bio").max(4000, "Bio is at most 4,000 characters.").optional(),
  timeZone: singleLine("Time zone").refine(isTimeZone, "Unknown time zone; use an IANA name such as Europe/Berlin.").optional(),
  visibility: z.enum(VISIBILITIES, { error: "Visibility is one of HIDDEN, BASIC or FULL." }).optional(),
  offerTags: z.array(tag, { error: "offerTags is a list of tags." }).max(50, "Too many tags.").optional(),
  seekTags: z.array(tag, { error: "seekTags is a list of tags." }).max(50, "Too many tags.").optional(),
});
export type ProfileUpdate = z.infer<typeof profileUpdate>;

export const profileView = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable().describe("Shown to the owner, organizers and people with an accepted session together; null for anyone else."),
  headline: z.string(),
  company: z.string().nullable(),
  bio: z.string().nullable(),
  bioHtml: z.string().nullable().describe("The bio rendered from Markdown and sanitized."),
  timeZone: z.string(),
  visibility: z.enum(VISIBILITIES),
  offerTags: z.array(z.string()),
  seekTags: z.array(z.string()),
});
export type ProfileView = z.infer<typeof profileView>;

export const profileParams = z.object({ userId: singleLine("userId").min(1).max(64) });
