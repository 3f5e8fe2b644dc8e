import { z } from "zod";
import { MAX_TEMPLATE_BYTES } from "@/lib/labs/templates";
import { singleLine, textProblem } from "@/lib/text-input";

/** zod shapes for the templates slice's edges. */

/**
 * A template's YAML as typed in the editor. Not trimmed (unlike other text, lib/text-input.ts):
 * problems are reported at the line and column the editor shows. Control characters are still
 * refused, tabs and line breaks allowed; CRLF becomes LF.
 */
export const templateYaml = z
  .string({ error: "yaml is the template's text." })
  .max(MAX_TEMPLATE_BYTES, `The template is at most ${MAX_TEMPLATE_BYTES / 1024} KiB.`)
  .overwrite((v) => v.normalize("NFC").replace(/\r\n?/g, "\n"))
  .superRefine((v, ctx) => {
    const problem = textProblem(v, { multiline: true });
    if (problem) ctx.addIssue({ code: "custom", message: `The template ${problem}` });
  });

export const yamlInput = z.strictObject({ yaml: templateYaml });
export type YamlInput = z.infer<typeof yamlInput>;

const templateId = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9]+$/, "must be a template id");

export const templateParams = z.object({ id: templateId });
export const versionParams = z.object({ id: templateId, version: z.coerce.number({ error: "version is a number." }).int().min(1).max(999_999) });

export const disableInput = z.strictObject({
  reason: singleLine("The reason", { error: "Say why, for the author and the offer's guests." }).min(3, "Say why in a few words.").max(300),
});

export const templateProblem = z.object({
  line: z.number().int(),
  column: z.number().int(),
  /** The dotted path of the field, "(yaml)" for a syntax error. */
  field: z.string(),
  message: z.string(),
});
export type TemplateProblemView = z.infer<typeof templateProblem>;

export const validation = z.object({ valid: z.boolean(), problems: z.array(templateProblem), title: z.string().nullable() });
export type ValidationView = z.infer<typeof validation>;

const disabled = z.object({ reason: z.string(), at: z.string() }).nullable();

export const versionSummary = z.object({ number: z.number().int(), name: z.string(), createdAt: z.string() });

export const userTemplateView = z.object({
  id: z.string(),
  title: z.string(),
  disabled,
  versions: z.array(versionSummary),
  latest: z.object({ number: z.number().int(), name: z.string(), yaml: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserTemplateView = z.infer<typeof userTemplateView>;

export const userTemplateList = z.object({ items: z.array(userTemplateView) });

export const versionView = z.object({ templateId: z.string(), number: z.number().int(), name: z.string(), title: z.string(), yaml: z.string(), createdAt: z.string() });
export type VersionView = z.infer<typeof versionView>;

export const reviewItem = z.object({
  id: z.string(),
  title: z.string(),
  author: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  disabled,
  versions: z.number().int(),
  latest: z.object({ number: z.number().int(), name: z.string() }),
  /** Offers that name one of its versions. */
  offers: z.number().int(),
  updatedAt: z.string(),
});
export type ReviewItem = z.infer<typeof reviewItem>;
export const reviewList = z.object({ items: z.array(reviewItem) });
