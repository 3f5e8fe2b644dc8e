import { describe, expect, it } from "vitest";
import { validationFailure } from "@/lib/errors";
import { offerCreate, offerSearchQuery, offerUpdate } from "./schema";

const fieldsOf = (input: unknown) => {
  const r = offerCreate.safeParse(input);
  return r.success ? {} : validationFailure(r.error).fields!;
};

describe("offer schemas", () => {
  it("fills defaults and normalizes tags", () => {
    expect(offerCreate.parse({ title: "  Swarm in production ", tags: ["K8s", "kubernetes", "CI / CD"] })).toEqual({
      title: "Swarm in production",
      description: "",
      tags: ["kubernetes", "ci-cd"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      active: true,
    });
  });

  it("rejects an empty or oversize title", () => {
    expect(fieldsOf({ title: "" }).title).toBe("Title needs at least 3 characters.");
    expect(fieldsOf({ title: "   ab  " }).title).toBe("Title needs at least 3 characters.");
    expect(fieldsOf({ title: "x".repeat(121) }).title).toBe("Title is at most 120 characters.");
    expect(fieldsOf({}).title).toBe("Title is required.");
  });

  it("names the levels on an unknown level, and accepts friendly spellings", () => {
    expect(fieldsOf({ title: "Valid", level: "guru" }).level).toBe("Level is one of INTRO, PRACTITIONER or DEEP_DIVE.");
    expect(offerCreate.parse({ title: "Valid", level: "deep-dive" }).level).toBe("DEEP_DIVE");
  });

  it("refuses 100 tags, and more than 8 distinct ones", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `topic-${i}`);
    expect(fieldsOf({ title: "Valid", tags: hundred }).tags).toMatch(/at most 8 tags/);
    expect(fieldsOf({ title: "Valid", tags: Array.from({ length: 9 }, (_, i) => `t${i}`) }).tags).toMatch(/at most 8/);
    expect(fieldsOf({ title: "Valid", tags: ["!!!"] }).tags).toMatch(/letter or digit/);
  });

  it("allows only 15, 20 or 30 minutes and a template-like lab name", () => {
    expect(fieldsOf({ title: "Valid", lengthMinutes: 45 }).lengthMinutes).toBe("Session length is 15, 20 or 30 minutes.");
    expect(fieldsOf({ title: "Valid", labTemplate: "../etc" }).labTemplate).toMatch(/template name/);
    expect(offerCreate.parse({ title: "Valid", labTemplate: "" }).labTemplate).toBeNull();
  });

  it("caps the description and refuses unknown fields", () => {
    expect(fieldsOf({ title: "Valid", description: "x".repeat(4001) }).description).toBe("Description is at most 4,000 characters.");
    expect(fieldsOf({ title: "Valid", ownerId: "someone" }).ownerId).toMatch(/Unknown field/);
    expect(offerUpdate.safeParse({ hiddenAt: null }).success).toBe(false);
  });

  it("parses search queries from the URL", () => {
    expect(offerSearchQuery.parse({ q: "kube", length: "30", hasLab: "true", page: "2", level: "intro" })).toEqual({
      q: "kube",
      length: 30,
      hasLab: true,
      page: 2,
      limit: 12,
      level: "INTRO",
    });
    expect(offerSearchQuery.safeParse({ length: "45" }).success).toBe(false);
    expect(offerSearchQuery.safeParse({ page: "0" }).success).toBe(false);
  });
});
