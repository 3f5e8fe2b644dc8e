import { describe, expect, it } from "vitest";
import { CURATED_TAGS, TAG_SYNONYMS } from "./catalog";
import { isCuratedTag, normalizeTag, normalizeTags, tagLabel, tagPhrase, TAG_MAX_LENGTH } from "./rules";

const value = (input: string) => {
  const r = normalizeTag(input);
  if (!r.ok) throw new Error(`${input}: ${r.message}`);
  return r.value;
};

describe("normalizeTag", () => {
  it.each([
    ["  Kubernetes ", "kubernetes"],
    ["K8s", "kubernetes"],
    ["kube", "kubernetes"],
    ["cicd", "ci-cd"],
    ["CI-CD", "ci-cd"],
    ["ci/cd", "ci-cd"],
    ["CI / CD", "ci-cd"],
    ["ci_cd", "ci-cd"],
    ["security", "container-security"],
    ["Sec", "container-security"],
    ["LCOW", "windows-containers"],
    ["Windows Containers", "windows-containers"],
    ["docker_compose", "docker-compose"],
    ["DockerCompose", "docker-compose"],
    ["Docker   Compose!", "docker-compose"],
    ["golang", "go"],
    ["C#", "dotnet"],
    [".NET", "dotnet"],
    ["Node.js", "nodejs"],
    ["Service Mesh", "service-mesh"],
    ["Rust", "rust"],
    ["eBPF & XDP!!", "ebpf-xdp"],
    ["Café Ops", "cafe-ops"],
  ])("%j → %s", (input, slug) => {
    expect(value(input)).toBe(slug);
  });

  it("rejects tags with nothing left after stripping", () => {
    for (const input of ["", "   ", "!!!", "_-_"]) {
      const r = normalizeTag(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe("TAG_EMPTY");
    }
  });

  it("rejects over-long tags with a message that says the limit", () => {
    const r = normalizeTag("a".repeat(TAG_MAX_LENGTH + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("TAG_TOO_LONG");
      expect(r.message).toContain(String(TAG_MAX_LENGTH));
    }
    expect(normalizeTag("a".repeat(TAG_MAX_LENGTH)).ok).toBe(true);
  });

  it("maps every synonym to a curated slug and every curated slug to itself", () => {
    for (const t of CURATED_TAGS) expect(value(t.slug)).toBe(t.slug);
    for (const t of CURATED_TAGS) expect(value(t.label)).toBe(t.slug);
    for (const [spelling, slug] of Object.entries(TAG_SYNONYMS)) expect(value(spelling)).toBe(slug);
  });

  it("has about thirty curated tags with unique slugs that are already normal", () => {
    expect(CURATED_TAGS.length).toBeGreaterThanOrEqual(28);
    expect(new Set(CURATED_TAGS.map((t) => t.slug)).size).toBe(CURATED_TAGS.length);
    for (const t of CURATED_TAGS) expect(t.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("normalizeTags", () => {
  it("dedupes after normalizing, keeping first-seen order", () => {
    expect(normalizeTags(["k8s", "Go", "kubernetes", "golang", "kube"])).toEqual({
      ok: true,
      value: ["kubernetes", "go"],
    });
  });

  it("counts the maximum after dedupe", () => {
    expect(normalizeTags(["k8s", "kube", "kubernetes"], { max: 1 }).ok).toBe(true);
    const r = normalizeTags(["go", "java", "python"], { max: 2 });
    expect(r).toMatchObject({ ok: false, code: "TOO_MANY_TAGS" });
    if (!r.ok) expect(r.message).toBe("You can add at most 2 tags; you gave 3.");
  });

  it("defaults to a maximum of 12", () => {
    const thirteen = CURATED_TAGS.slice(0, 13).map((t) => t.slug);
    expect(normalizeTags(thirteen).ok).toBe(false);
    expect(normalizeTags(thirteen.slice(0, 12)).ok).toBe(true);
  });

  it("points at the offending entry", () => {
    expect(normalizeTags(["go", "  "])).toMatchObject({ ok: false, code: "TAG_EMPTY", fields: { "tags.1": expect.any(String) } });
  });
});

describe("labels", () => {
  it("labels curated and free-form slugs", () => {
    expect(tagLabel("linuxkit")).toBe("LinuxKit");
    expect(tagLabel("rust-lang")).toBe("rust lang");
    expect(isCuratedTag("swarm")).toBe(true);
    expect(isCuratedTag("rust")).toBe(false);
    expect(tagPhrase("container-security")).toBe("container security");
    expect(tagPhrase("linuxkit")).toBe("LinuxKit");
    expect(tagPhrase("windows-containers")).toBe("Windows containers");
  });
});
