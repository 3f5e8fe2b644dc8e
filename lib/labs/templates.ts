import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { env } from "@/lib/env";
import { linuxkitTemplate } from "@/lib/labs/linuxkit-schema";
import { type LabTemplate, type TemplateIssue, toLabTemplate } from "@/lib/labs/template-schema";
import { logger } from "@/lib/log";
import { remember } from "@/lib/singleton";

export interface TemplateProblem {
  file: string;
  /** The dotted path of the field, e.g. services.0.capabilities; "(yaml)" for a syntax error. */
  field: string;
  message: string;
  /** 1-based, where the field (or the nearest part of the file that exists) starts. */
  line: number;
  column: number;
}

export interface LoadedTemplates {
  templates: Map<string, LabTemplate>;
  problems: TemplateProblem[];
}

/** Template files are small; a bigger one is refused before it is parsed. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

/** Where a path into the document starts: the field's key if it has one, else the nearest ancestor that exists. */
function locate(doc: ReturnType<typeof parseDocument>, lines: LineCounter, at: (string | number)[], unknownKey?: string): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  const keys = unknownKey === undefined ? at : [...at, unknownKey];
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
      if (key === keys.at(-1) && (unknownKey !== undefined || !isMap(node))) break;
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else if (node && typeof node === "object" && "items" in node && Array.isArray((node as { items: unknown[] }).items) && typeof key === "number") {
      const item = (node as { items: unknown[] }).items[key];
      if (!item) break;
      node = item;
      offset = (item as Node).range?.[0] ?? offset;
    } else break;
  }
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function issuesOf(error: z.ZodError): (TemplateIssue & { unknownKey?: string })[] {
  return error.issues.flatMap((i) => {
    const at = i.path.filter((p): p is string | number => typeof p !== "symbol");
    if (i.code === "unrecognized_keys")
      return i.keys.map((k) => ({ path: at, unknownKey: k, message: `is not a field here${at.length ? "" : " (LinuxKit's fields and x-mingle)"}` }));
    return [{ path: at, message: i.message }];
  });
}

/**
 * Parses one template file's text (any bytes: a problem, never a throw); each problem names the
 * field, its line and column, and what is wrong.
 */
export function parseTemplate(file: string, text: string): { template?: LabTemplate; problems: TemplateProblem[] } {
  const base = path.basename(file).replace(/\.ya?ml$/, "");
  const problem = (field: string, message: string, pos = { line: 1, column: 1 }): TemplateProblem => ({ file, field, message, ...pos });
  if (Buffer.byteLength(text) > MAX_TEMPLATE_BYTES) return { problems: [problem("(yaml)", `is larger than ${MAX_TEMPLATE_BYTES / 1024} KiB`)] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return problem("(yaml)", e.message.split("\n")[0]!, { line, column: col });
      }),
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { problems: [problem("(yaml)", (err as Error).message.split("\n")[0]!)] };
  }
  const parsed = linuxkitTemplate.safeParse(raw ?? {});
  const result = parsed.success ? toLabTemplate(base, parsed.data, text) : { issues: issuesOf(parsed.error) };
  if (!result.template || result.issues.length) {
    return {
      problems: (result.issues as (TemplateIssue & { unknownKey?: string })[])
        .map((i) => {
          const field = [...i.path, ...(i.unknownKey !== undefined ? [i.unknownKey] : [])].join(".") || "(root)";
          return problem(field, i.message, locate(doc, lines, i.path, i.unknownKey));
        })
        .sort((a, b) => a.line - b.line || a.column - b.column),
    };
  }
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(base)) return { problems: [problem("(file name)", "must be lowercase letters, digits and dashes (max 40), then .yaml")] };
  return { template: result.template, problems: [] };
}

/** Loads every *.yaml in the templates directory; an invalid file is reported and skipped. */
export function loadTemplates(dir: string = env().LAB_TEMPLATES_DIR): LoadedTemplates {
  const templates = new Map<string, LabTemplate>();
  const problems: TemplateProblem[] = [];
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const f of files) {
    const file = path.join(dir, f);
    const result = parseTemplate(file, readFileSync(file, "utf8"));
    problems.push(...result.problems);
    if (result.template) templates.set(result.template.name, result.template);
  }
  return { templates, problems };
}

export function formatProblem(p: TemplateProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.field}: ${p.message}`;
}

/** A template added to (or fixed in) the directory shows everywhere within this long, without a restart. */
const CATALOGUE_TTL_MS = 60_000;

interface Catalogue {
  at: number;
  loaded: LoadedTemplates;
  reported: string;
  /** Templates that live elsewhere than the directory (people's own, lib/templates/catalogue.ts). */
  extra: Map<string, LabTemplate>;
  merged: Map<string, LabTemplate> | undefined;
}

const catalogue = () => remember<Catalogue>("labs.templates", () => ({ at: 0, loaded: { templates: new Map(), problems: [] }, reported: "", extra: new Map(), merged: undefined }));

/**
 * The process's lab templates: the one place that reads the templates directory, so the offer
 * form and a launch always agree on what exists. Re-read at most once a minute; problems are
 * logged when they change. Templates set with `setExtraTemplates` join it; a file's name wins.
 */
export function labTemplates(): Map<string, LabTemplate> {
  const c = catalogue();
  if (Date.now() - c.at >= CATALOGUE_TTL_MS) {
    c.loaded = loadTemplates();
    c.at = Date.now();
    c.merged = undefined;
    const reported = c.loaded.problems.map(formatProblem).join("\n");
    if (reported !== c.reported) for (const p of c.loaded.problems) logger.warn("labs.template_invalid", { problem: formatProblem(p) });
    c.reported = reported;
  }
  c.merged ??= new Map([...c.extra, ...c.loaded.templates]);
  return c.merged;
}

/** Replaces the templates that do not come from the directory (the whole set at once: what is left out is gone). */
export function setExtraTemplates(templates: Map<string, LabTemplate>): void {
  const c = catalogue();
  c.extra = templates;
  c.merged = undefined;
}

/** Where a field of a template's text starts (1-based), as parseTemplate reports it: for checks made after parsing. */
export function fieldPosition(text: string, at: (string | number)[]): { line: number; column: number } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return locate(doc, lines, at);
}
