import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { env } from "@/lib/env";
import { templateSchema, type LabTemplate } from "@/lib/labs/template-schema";

export interface TemplateProblem {
  file: string;
  field: string;
  message: string;
}

export interface LoadedTemplates {
  templates: Map<string, LabTemplate>;
  problems: TemplateProblem[];
}

/** Parses one template file's text; problems name the field and what is wrong. */
export function parseTemplate(file: string, text: string): { template?: LabTemplate; problems: TemplateProblem[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    return { problems: [{ file, field: "(yaml)", message: (err as Error).message.split("\n")[0]! }] };
  }
  const parsed = templateSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({ file, field: i.path.join(".") || "(root)", message: i.message })),
    };
  }
  const base = path.basename(file).replace(/\.ya?ml$/, "");
  if (parsed.data.name !== base) {
    return { problems: [{ file, field: "name", message: `must match the file name ("${base}")` }] };
  }
  return { template: parsed.data, problems: [] };
}

/** Loads every *.yaml in the templates directory; an invalid file is reported and skipped. */
export function loadTemplates(dir: string = env().LAB_TEMPLATES_DIR): LoadedTemplates {
  const templates = new Map<string, LabTemplate>();
  const problems: TemplateProblem[] = [];
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const f of files) {
    const file = path.join(dir, f);
    const result = parseTemplate(file, readFileSync(file, "utf8"));
    problems.push(...result.problems);
    if (result.template) templates.set(result.template.name, result.template);
  }
  return { templates, problems };
}

export function formatProblem(p: TemplateProblem): string {
  return `${p.file}: ${p.field}: ${p.message}`;
}
