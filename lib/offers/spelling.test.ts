import { describe, expect, it } from "vitest";
import { corrections, editDistance, isKnown, maxEdits, vocabularyOf } from "./spelling";

const vocabulary = vocabularyOf(["rust", "secrets", "secret", "istio", "falco", "moby", "python", "django", "memory", "kubernetes", "linuxkit", "trust", "dust", "grpc"]);

describe("editDistance (Damerau–Levenshtein)", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("rsut", "rust", 1)).toBe(1);
    expect(editDistance("secerts", "secrets", 2)).toBe(1);
    expect(editDistance("djnago", "django", 1)).toBe(1);
  });

  it("counts inserts, deletes and substitutions, and stops early past max", () => {
    expect(editDistance("kubernets", "kubernetes", 2)).toBe(1);
    expect(editDistance("falko", "falco", 1)).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
    expect(editDistance("short", "muchlongerword", 2)).toBe(3);
  });
});

describe("corrections", () => {
  it("allows 1 edit for 4–6 letters, 2 from 7, none below 4", () => {
    expect([maxEdits("abc"), maxEdits("rsut"), maxEdits("pyhton"), maxEdits("kubernets")]).toEqual([0, 1, 1, 2]);
    expect(corrections(vocabulary, "rsut")).toEqual(["rust"]);
    expect(corrections(vocabulary, "istoi")).toEqual(["istio"]);
    expect(corrections(vocabulary, "memroy")).toEqual(["memory"]);
    expect(corrections(vocabulary, "pyhton")).toEqual(["python"]);
    expect(corrections(vocabulary, "linuxkti")).toEqual(["linuxkit"]);
    expect(corrections(vocabulary, "grc")).toEqual([]);
  });

  it("keeps only the closest words, the longer shared start first", () => {
    expect(corrections(vocabulary, "secerts")).toEqual(["secrets"]);
    expect(corrections(vocabulary, "mboy")).toEqual(["moby"]);
    expect(corrections(vocabulary, "mbyo")).toEqual([]); // a letter moved two places is two edits
    expect(corrections(vocabulary, "tust")).toEqual(["trust", "dust", "rust"]);
    expect(corrections(vocabulary, "zzqxv")).toEqual([]);
  });
});

describe("isKnown", () => {
  it("knows every word and every start of one, so typing is never corrected", () => {
    expect(isKnown(vocabulary, "kube")).toBe(true);
    expect(isKnown(vocabulary, "kubernetes")).toBe(true);
    expect(isKnown(vocabulary, "kubernets")).toBe(false);
    expect(isKnown(vocabulary, "zz")).toBe(false);
  });
});
