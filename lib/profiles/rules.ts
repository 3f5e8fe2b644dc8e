import { seesContact, type ContactRelation } from "@/lib/booking/contact-visibility";
import type { ProfileView } from "./schema";

export interface ProfileRecord {
  userId: string;
  name: string;
  email: string;
  headline: string;
  company: string;
  bio: string;
  timeZone: string;
  visibility: "HIDDEN" | "BASIC" | "FULL";
  offerTags: string[];
  seekTags: string[];
}

export type Relation = ContactRelation;

/**
 * What a viewer may see of a profile. The owner, organizers and people the owner has an accepted
 * session with ("connected") see all of it, e-mail included — the one contact rule
 * (lib/booking/contact-visibility.ts). Anyone else sees, by visibility:
 * FULL — everything but the e-mail; BASIC — name, headline, time zone and topics; HIDDEN ("only
 * people I meet") — nothing: null, which the service answers like a missing profile.
 */
export function visibleProfile(p: ProfileRecord, relation: Relation, render: (md: string) => string): ProfileView | null {
  const privileged = relation === "self" || relation === "organizer";
  if (p.visibility === "HIDDEN" && !privileged && relation !== "connected") return null;
  const full = privileged || relation === "connected" || p.visibility === "FULL";
  return {
    userId: p.userId,
    name: p.name,
    email: seesContact(relation) ? p.email : null,
    headline: p.headline,
    company: full ? p.company : null,
    bio: full ? p.bio : null,
    bioHtml: full ? render(p.bio) : null,
    timeZone: p.timeZone,
    visibility: p.visibility,
    offerTags: p.offerTags,
    seekTags: p.seekTags,
  };
}

/** 0–100 and the next best step, so people finish their profiles. */
export function completeness(p: Pick<ProfileRecord, "headline" | "company" | "bio" | "offerTags" | "seekTags">): { percent: number; nextStep: string | null } {
  const steps: Array<[boolean, number, string]> = [
    [p.seekTags.length > 0, 25, "Add topics you want to learn, so we can recommend people."],
    [p.offerTags.length > 0, 25, "Add topics you can help with, so others can find you."],
    [p.headline.trim().length > 0, 20, "Write a one-line headline."],
    [p.bio.trim().length >= 40, 20, "Write a short bio (a few sentences)."],
    [p.company.trim().length > 0, 10, "Add your company."],
  ];
  const percent = steps.reduce((sum, [done, weight]) => sum + (done ? weight : 0), 0);
  return { percent, nextStep: steps.find(([done]) => !done)?.[2] ?? null };
}
