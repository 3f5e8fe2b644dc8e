import { ok, type Result } from "@/lib/errors";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { fieldPosition, parseTemplate } from "@/lib/labs/templates";
import type { TemplateDeps, TemplateUser } from "./ports";
import { imageProblem, templateImages } from "./rules";
import type { TemplateProblemView, ValidationView, YamlInput } from "./schema";

/** A template names at most this many images (each is looked up on every host). */
const MAX_IMAGES = 32;

/**
 * The template as the catalogue would read it (the labs' own parser: LinuxKit fields, x-mingle,
 * container mode's sandbox refusals), then its images: each must be on the lab hosts or come
 * from an allowed registry. Every problem has its line and column.
 */
export async function checkTemplate(deps: Pick<TemplateDeps, "findImages" | "registries">, yaml: string): Promise<{ template?: LabTemplate; problems: TemplateProblemView[] }> {
  const parsed = parseTemplate("template.yaml", yaml);
  const view = ({ line, column, field, message }: TemplateProblemView) => ({ line, column, field, message });
  if (!parsed.template) return { problems: parsed.problems.map(view) };
  const uses = templateImages(parsed.template);
  const refs = [...new Set(uses.map((u) => u.ref))];
  if (refs.length > MAX_IMAGES) return { problems: [{ line: 1, column: 1, field: "services", message: `names ${refs.length} images; at most ${MAX_IMAGES}` }] };
  const presence = await deps.findImages(refs);
  const problems = uses.flatMap((u) => {
    const why = imageProblem(u.ref, presence, deps.registries);
    return why ? [{ ...fieldPosition(yaml, u.at), field: u.at.join("."), message: why }] : [];
  });
  return problems.length ? { problems } : { template: parsed.template, problems: [] };
}

/** The editor's check as you type: problems with their lines, never a failure (any bytes are a problem list). */
export async function validateTemplate(deps: TemplateDeps, _user: TemplateUser, input: YamlInput): Promise<Result<ValidationView>> {
  const { template, problems } = await checkTemplate(deps, input.yaml);
  return ok({ valid: problems.length === 0, problems, title: template?.title ?? null });
}

/** One sentence for a refused save: how many problems, and the first few with their lines. */
export function problemsSentence(problems: TemplateProblemView[]): string {
  const first = problems
    .slice(0, 3)
    .map((p) => `line ${p.line}, column ${p.column}: ${p.field}: ${p.message}`)
    .join("; ");
  const sentence = `The template has ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${first}${problems.length > 3 ? "; …" : ""}`;
  return sentence.endsWith(".") ? sentence : `${sentence}.`;
}

/** Each problem under its field (yaml.<field>), with its line, for API clients that show fields. */
export function problemFields(problems: TemplateProblemView[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of problems) fields[`yaml.${p.field}`] ??= `line ${p.line}, column ${p.column}: ${p.message}`;
  return fields;
}
