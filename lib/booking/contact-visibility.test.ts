import { describe, expect, it } from "vitest";
import { contactInSession, relationInSession, seesContact } from "./contact-visibility";
import { SESSION_STATUSES, type SessionStatus } from "./rules";

const expert = { id: "ex", email: "expert@x.test" };
const requester = { id: "rq", email: "requester@x.test" };
const session = (status: SessionStatus) => ({ status, requesterId: requester.id, expertId: expert.id });
const as = (userId: string, isOrganizer = false) => ({ userId, isOrganizer });

describe("contactInSession", () => {
  it.each(SESSION_STATUSES)("%s: each person always sees their own address", (status) => {
    expect(contactInSession(as(expert.id), expert, session(status))).toBe(expert.email);
    expect(contactInSession(as(requester.id), requester, session(status))).toBe(requester.email);
  });

  it("ACCEPTED: the two people see each other's address", () => {
    expect(contactInSession(as(requester.id), expert, session("ACCEPTED"))).toBe(expert.email);
    expect(contactInSession(as(expert.id), requester, session("ACCEPTED"))).toBe(requester.email);
  });

  it.each(["PENDING", "DECLINED", "CANCELLED", "EXPIRED"] as const)("%s: the other person's address is withheld", (status) => {
    expect(contactInSession(as(requester.id), expert, session(status))).toBeNull();
    expect(contactInSession(as(expert.id), requester, session(status))).toBeNull();
  });

  it.each(SESSION_STATUSES)("%s: organizers see both, strangers neither", (status) => {
    expect(contactInSession(as("org", true), expert, session(status))).toBe(expert.email);
    expect(contactInSession(as("org", true), requester, session(status))).toBe(requester.email);
    expect(contactInSession(as("stranger"), expert, session(status))).toBeNull();
  });

  it("an accepted session connects only its own two people", () => {
    expect(relationInSession(as("stranger"), expert.id, session("ACCEPTED"))).toBe("stranger");
    expect(relationInSession(as(requester.id), "someone-else", session("ACCEPTED"))).toBe("stranger");
  });
});

describe("seesContact", () => {
  it("is the profile API's e-mail rule too: everyone but a stranger", () => {
    expect(["self", "organizer", "connected", "stranger"].map((r) => seesContact(r as never))).toEqual([true, true, true, false]);
  });
});
