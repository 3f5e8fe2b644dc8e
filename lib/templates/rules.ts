import type { LabTemplate } from "@/lib/labs/template-schema";

/**
 * Pure rules of people's own lab templates: their names in the one catalogue, which images a
 * template needs, and which registries a missing image may come from.
 */

/** A version's name in the catalogue, the name an offer and a lab record keep: u-<template id>-v<number>. */
export function userTemplateName(templateId: string, version: number): string {
  return `u-${templateId}-v${version}`;
}

export function parseUserTemplateName(name: string): { templateId: string; version: number } | null {
  const m = /^u-([a-z0-9]{1,32})-v([1-9]\d{0,5})$/.exec(name);
  return m ? { templateId: m[1]!, version: Number(m[2]) } : null;
}

/** How a badge names a lab template: a person's own version says so, a directory template by its name. */
export function labTemplateLabel(name: string): string {
  const own = parseUserTemplateName(name);
  return own ? `own template, v${own.version}` : name;
}

export const MAX_TEMPLATES_PER_AUTHOR = 20;
export const MAX_VERSIONS_PER_TEMPLATE = 200;

export interface ImageUse {
  ref: string;
  /** The field that names it, for its line and column. */
  at: (string | number)[];
}

/** Every image a launch of the template would run: its containers, and in vm mode its kernel and init too. */
export function templateImages(t: LabTemplate): ImageUse[] {
  const containers = (section: string, list: { image: string }[]): ImageUse[] => list.map((c, i) => ({ ref: c.image, at: [section, i, "image"] }));
  const uses = [...containers("onboot", t.onboot), ...containers("services", t.services)];
  if (t.mode !== "vm") return uses;
  return [
    ...uses,
    ...containers("onshutdown", t.onshutdown ?? []),
    ...(t.kernel ? [{ ref: t.kernel.image, at: ["kernel", "image"] }] : []),
    ...(t.init ?? []).map((ref, i) => ({ ref, at: ["init", i] })),
  ];
}

/** The registry an image reference names (Docker's rule: a first part with a dot or a port, or localhost), or null for the default one. */
export function registryOf(ref: string): string | null {
  const slash = ref.indexOf("/");
  if (slash < 0) return null;
  const first = ref.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first.toLowerCase() : null;
}

/** An image from an allow-listed registry may be pulled at launch even though no host has it yet. */
export function fromAllowedRegistry(ref: string, registries: readonly string[]): boolean {
  const registry = registryOf(ref);
  return registry !== null && registries.some((r) => r.toLowerCase() === registry);
}

export interface ImagePresence {
  /** The lab hosts that were asked (active ones that answer). */
  hosts: string[];
  /** Image → the hosts that do not have it. */
  missing: Record<string, string[]>;
}

/** Why an image may not be used, or null: present on every active lab host, or from an allowed registry. */
export function imageProblem(ref: string, presence: ImagePresence, registries: readonly string[]): string | null {
  if (fromAllowedRegistry(ref, registries)) return null;
  const allowed = registries.length ? ` or come from an allowed registry (${registries.join(", ")})` : "";
  if (presence.hosts.length === 0) return `"${ref}" cannot be checked: no lab host answers right now. Try again in a minute.`;
  const lacking = presence.missing[ref];
  if (!lacking?.length) return null;
  return `"${ref}" is not on the lab hosts (missing on ${lacking.join(", ")}): images must already be there${allowed}. No registry is reachable for it.`;
}
