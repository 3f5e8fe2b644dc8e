import { describe, expect, it } from "vitest";
import { completeness, type ProfileRecord, type Relation, visibleProfile } from "./rules";

const ada: ProfileRecord = {
  userId: "u1",
  name: "Ada",
  email: "ada@mingle.test",
  headline: "Runs CI on Swarm",
  company: "Moby Inc.",
  bio: "**Hi**",
  timeZone: "Europe/Berlin",
  visibility: "FULL",
  offerTags: ["swarm"],
  seekTags: ["kubernetes"],
};
const render = (md: string) => `<p>${md}</p>`;
const seen = (visibility: ProfileRecord["visibility"], relation: Relation) => visibleProfile({ ...ada, visibility }, relation, render);

describe("visibleProfile", () => {
  it("shows everything, e-mail included, to the owner, organizers and people met", () => {
    for (const visibility of ["FULL", "BASIC", "HIDDEN"] as const) {
      for (const relation of ["self", "organizer", "connected"] as const) {
        expect(seen(visibility, relation)).toEqual({ ...ada, visibility, bioHtml: "<p>**Hi**</p>" });
      }
    }
  });

  it("shows a stranger a FULL profile without the e-mail", () => {
    expect(seen("FULL", "stranger")).toEqual({ ...ada, email: null, bioHtml: "<p>**Hi**</p>" });
  });

  it("shows a stranger a BASIC profile as name, headline, time zone and topics", () => {
    expect(seen("BASIC", "stranger")).toEqual({ ...ada, visibility: "BASIC", email: null, company: null, bio: null, bioHtml: null });
  });

  it("shows a stranger nothing of a HIDDEN profile (not even the name)", () => {
    expect(seen("HIDDEN", "stranger")).toBeNull();
  });
});

describe("completeness", () => {
  const empty = { headline: "", company: "", bio: "", offerTags: [], seekTags: [] };

  it("counts each step by its weight and names the first one missing", () => {
    expect(completeness(empty)).toEqual({ percent: 0, nextStep: "Add topics you want to learn, so we can recommend people." });
    expect(completeness({ ...empty, seekTags: ["k8s"], offerTags: ["swarm"] })).toEqual({ percent: 50, nextStep: "Write a one-line headline." });
    expect(completeness({ ...ada, bio: "x".repeat(40) })).toEqual({ percent: 100, nextStep: null });
  });

  it("wants a bio of a few sentences, and ignores blank text", () => {
    const almost = { ...ada, bio: "x".repeat(39) };
    expect(completeness(almost)).toEqual({ percent: 80, nextStep: "Write a short bio (a few sentences)." });
    expect(completeness({ ...ada, bio: "x".repeat(40), headline: "   ", company: " " }).percent).toBe(70);
  });
});
