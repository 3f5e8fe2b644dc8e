import type { LabTemplate } from "@/lib/labs/template-schema";
import { labTemplates, parseTemplate, setExtraTemplates } from "@/lib/labs/templates";
import { remember } from "@/lib/singleton";
import type { UserTemplateRepo } from "./repo";
import { userTemplateName } from "./rules";

/** A version's parse, kept by its id: versions never change, so each is read and parsed once per process. */
const parsed = () => remember("templates.parsed", () => new Map<string, LabTemplate | null>());

/**
 * Puts every version of people's templates into the one catalogue (lib/labs/templates.ts) as
 * `u-<template>-v<n>`, so a launch, capacity, the warm pool and lab views know them like any file.
 * Disabled templates stay in it, marked, so a launch can say why it is refused.
 */
export async function refreshUserTemplates(
  repo: Pick<UserTemplateRepo, "catalogueRows" | "yamlOf">,
  log?: (event: string, fields: Record<string, unknown>) => void,
): Promise<void> {
  const rows = await repo.catalogueRows();
  const cache = parsed();
  const unread = rows.filter((r) => !cache.has(r.versionId)).map((r) => r.versionId);
  const texts = await repo.yamlOf(unread);
  const templates = new Map<string, LabTemplate>();
  for (const row of rows) {
    const name = userTemplateName(row.templateId, row.number);
    if (!cache.has(row.versionId)) {
      const result = parseTemplate(`${name}.yaml`, texts.get(row.versionId) ?? "");
      // Saved versions were valid; one the parser has since grown stricter about is left out, and said so.
      if (!result.template) log?.("templates.version_invalid", { name, problem: result.problems[0]?.message });
      cache.set(row.versionId, result.template ?? null);
    }
    const template = cache.get(row.versionId);
    if (!template) continue;
    templates.set(name, {
      ...template,
      origin: { authorId: row.authorId, templateId: row.templateId, version: row.number, ...(row.disabledReason !== null ? { disabledReason: row.disabledReason } : {}) },
    });
  }
  setExtraTemplates(templates);
}

/** What an offer's page says of its lab template: its title, and why it will not start when an organizer disabled it. */
export function labTemplateNotice(name: string | null | undefined): { title: string; disabledReason?: string } | undefined {
  const t = name ? labTemplates().get(name) : undefined;
  if (!t) return undefined;
  return t.origin?.disabledReason !== undefined ? { title: t.title, disabledReason: t.origin.disabledReason } : { title: t.title };
}
