import { describe, expect, it } from "vitest";
import { allTermsQuery, canSeeOffer, excerpt, mostTermsPlan, searchTerms } from "./rules";

describe("search terms", () => {
  it("keeps only letters and digits, folded and deduplicated", () => {
    expect(searchTerms("  Kübernetes & KUBERNETES | ':* (x)")).toEqual(["kubernetes", "x"]);
    expect(searchTerms("")).toEqual([]);
  });

  it("makes every word a prefix and adds curated synonyms", () => {
    expect(allTermsQuery(["swarm", "oper"])).toBe("swarm:* & oper:*");
    expect(allTermsQuery(["kube"])).toBe("(kube:* | kubernetes:*)");
    expect(allTermsQuery(["k8s"])).toBe("(k8s:* | kubernetes:*)");
    expect(allTermsQuery(["lcow"])).toBe("(lcow:* | (windows:* & containers:*))");
  });

  it("lets a misspelt word stand for its corrections too", () => {
    const query = allTermsQuery(["rsut", "cargo"], new Map([["rsut", ["rust"]]]));
    expect(query).toBe("(rsut:* | rust:*) & cargo:*");
    expect(allTermsQuery(["x"], new Map([["x", ["ok", "no:*|"]]]))).toBe("(x:* | ok:*)");
  });
});

describe("mostTermsPlan", () => {
  it("keeps searching the other words when one matches nothing, and names it", () => {
    const terms = ["kubernetes", "zzqxv"];
    const queries = terms.map((t) => allTermsQuery([t]));
    expect(mostTermsPlan(terms, queries, [true, false])).toEqual({ found: ["kubernetes:*"], any: "kubernetes:*", unmatched: ["zzqxv"] });
    expect(mostTermsPlan(["swarm", "oper"], ["swarm:*", "oper:*"], [true, true]).any).toBe("swarm:* | oper:*");
    expect(mostTermsPlan(["zzqxv"], ["zzqxv:*"], [false])).toEqual({ found: [], any: null, unmatched: ["zzqxv"] });
  });
});

describe("canSeeOffer", () => {
  const base = { ownerId: "owner", active: true, hiddenAt: null, ownerVisibility: "FULL" as const };
  const stranger = { id: "x", role: "ATTENDEE" as const };
  it("shows live offers to everyone and the rest only to the owner and organizers", () => {
    expect(canSeeOffer(base, stranger)).toBe(true);
    for (const offer of [
      { ...base, active: false },
      { ...base, hiddenAt: new Date() },
      { ...base, ownerVisibility: "HIDDEN" as const },
    ]) {
      expect(canSeeOffer(offer, stranger)).toBe(false);
      expect(canSeeOffer(offer, { id: "owner", role: "ATTENDEE" })).toBe(true);
      expect(canSeeOffer(offer, { id: "o", role: "ORGANIZER" })).toBe(true);
    }
  });
});

describe("excerpt", () => {
  it("strips Markdown and HTML and cuts at a word", () => {
    expect(excerpt("## Hi\n**Bold** [link](javascript:void) <img src=x onerror=alert(1)>")).toBe("Hi Bold link");
    const long = excerpt("word ".repeat(100), 30);
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.endsWith("…")).toBe(true);
  });

  it("keeps hyphens, underscores and code as written, and drops only Markdown's marks", () => {
    expect(excerpt("The helpers in `go-plugins-helpers`, and `--opt encrypted` for overlay networks.")).toBe(
      "The helpers in go-plugins-helpers, and --opt encrypted for overlay networks.",
    );
    expect(excerpt("Enable DOCKER_CONTENT_TRUST in CI; my_var stays; _emphasis_ and *this* and __that__ and ~~gone~~ lose marks.")).toBe(
      "Enable DOCKER_CONTENT_TRUST in CI; my_var stays; emphasis and this and that and gone lose marks.",
    );
    expect(excerpt("# Title\n> quoted\n- first item\n* second\n1. third\n\n---\n| a | b |")).toBe("Title quoted first item second third a b");
    expect(excerpt("A well-known multi-stage build, 2-3 minutes.")).toBe("A well-known multi-stage build, 2-3 minutes.");
  });
});
