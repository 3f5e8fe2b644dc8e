import { z } from "zod";

/**
 * Text that people send: one rule for every schema that accepts it. PostgreSQL refuses U+0000 in
 * text (the request then failed with a 500), and other control characters are invisible in the
 * pages, the .ics files and the e-mails that show the text again, so they are refused with a
 * sentence naming the field. Text is NFC-normalised (the same name typed on two keyboards is one
 * string, for uniqueness and search) and trimmed before the caller's own length checks run.
 */

type StringParams = Parameters<typeof z.string>[0];

export interface TextRules {
  /** Tab and line breaks allowed (a bio, a message, Markdown); CRLF and CR become LF. */
  multiline?: boolean;
}

const codePoint = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why `value` is not acceptable text, as the end of a sentence that starts with the field's name
 * ("contains a control character (U+0000); remove it."), or null when it is.
 */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) return `contains a broken character (a lone surrogate, ${codePoint(c)}); remove it.`;
    const control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    if (!control) continue;
    if (rules.multiline && (c === 0x09 || c === 0x0a)) continue;
    if (c === 0x0a || c === 0x0d) return "must be on one line; remove the line break.";
    if (c === 0x09) return "contains a tab (U+0009); use spaces instead.";
    return `contains a control character (${codePoint(c)}); remove it.`;
  }
  return null;
}

/** NFC, line breaks as LF when multi-line, and trimmed: what the field stores. */
export function cleanText(value: string, rules: TextRules = {}): string {
  const normalized = value.normalize("NFC");
  return (rules.multiline ? normalized.replace(/\r\n?/g, "\n") : normalized).trim();
}

function text(label: string, rules: TextRules, params?: StringParams): z.ZodString {
  return z
    .string(params)
    .overwrite((v) => cleanText(v, rules))
    .superRefine((v, ctx) => {
      const problem = textProblem(v, rules);
      if (problem) ctx.addIssue({ code: "custom", message: `${label} ${problem}` });
    });
}

/**
 * One line of text (a name, a title, a search, an id from an address): control characters,
 * tabs and line breaks are refused. Chain the field's own .min/.max/.regex after it.
 */
export function singleLine(label: string, params?: StringParams): z.ZodString {
  return text(label, {}, params);
}

/** Text over several lines (a bio, a message, a description in Markdown): tab and LF allowed. */
export function multiLine(label: string, params?: StringParams): z.ZodString {
  return text(label, { multiline: true }, params);
}
