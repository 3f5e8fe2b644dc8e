import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cleanText, multiLine, singleLine, textProblem } from "./text-input";

const messageOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? null : r.error.issues[0]!.message;
};

/** Any C0 control, DEL or C1 control: the characters the helper refuses. */
const controls = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => c < 0x20 || c >= 0x7f)
  .map((c) => String.fromCharCode(c));
/** Text with the awkward parts over-represented: controls, combining marks, emoji, lone surrogates, spaces. */
const awkward = fc.string({
  unit: fc.oneof(
    fc.constantFrom("a", "Z", " ", "\t", "\n", "\r", "\u00a0", "\u0301", "e\u0301", "\ufeff", "😀", "\ud800", "\udfff", "ß"),
    controls,
    fc.string({ unit: "grapheme", maxLength: 1 }),
  ),
  maxLength: 40,
});
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this test looks for
const FORBIDDEN_IN_OUTPUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("singleLine", () => {
  const name = singleLine("Name").min(2, "Name needs at least 2 characters.").max(80, "Name is at most 80 characters.");

  it("refuses NUL and other control characters with a sentence naming the field and the character", () => {
    expect(messageOf(name, "Ada\u0000 Lovelace")).toBe("Name contains a control character (U+0000); remove it.");
    expect(messageOf(name, "Ada\u001b[31m")).toBe("Name contains a control character (U+001B); remove it.");
    expect(messageOf(name, "Ada\u007f")).toBe("Name contains a control character (U+007F); remove it.");
    expect(messageOf(name, "Ada\u0085x")).toBe("Name contains a control character (U+0085); remove it.");
  });

  it("refuses line breaks and tabs inside the line, but trims them at the ends", () => {
    expect(messageOf(name, "Ada\nLovelace")).toBe("Name must be on one line; remove the line break.");
    expect(messageOf(name, "Ada\r\nLovelace")).toBe("Name must be on one line; remove the line break.");
    expect(messageOf(name, "Ada\tLovelace")).toBe("Name contains a tab (U+0009); use spaces instead.");
    expect(name.parse("\n\t Ada Lovelace \r\n")).toBe("Ada Lovelace");
  });

  it("refuses lone surrogates (JSON can carry them, UTF-8 cannot)", () => {
    expect(messageOf(name, "Ada \ud800")).toBe("Name contains a broken character (a lone surrogate, U+D800); remove it.");
    expect(messageOf(name, "\udc00Ada")).toBe("Name contains a broken character (a lone surrogate, U+DC00); remove it.");
    expect(name.parse("Ada 😀")).toBe("Ada 😀");
  });

  it("normalises to NFC before the caller's length checks", () => {
    expect(name.parse("Zoe\u0301")).toBe("Zo\u00e9");
    expect(singleLine("X").max(1).safeParse("e\u0301").success).toBe(true);
  });

  it("keeps the caller's own messages: type, min, max", () => {
    const title = singleLine("Title", { error: "Title is required." }).min(3, "Title needs at least 3 characters.");
    expect(messageOf(title, undefined)).toBe("Title is required.");
    expect(messageOf(title, 42)).toBe("Title is required.");
    expect(messageOf(title, "  ab ")).toBe("Title needs at least 3 characters.");
    expect(messageOf(name, "x".repeat(81))).toBe("Name is at most 80 characters.");
  });

  it("is still a string schema in the OpenAPI document", () => {
    expect(z.toJSONSchema(name)).toMatchObject({ type: "string", minLength: 2, maxLength: 80 });
  });
});

describe("multiLine", () => {
  const bio = multiLine("Bio").max(4000, "Bio is at most 4,000 characters.");

  it("keeps tabs and line breaks, turns CRLF and CR into LF, and still refuses other controls", () => {
    expect(bio.parse("Line one\r\nLine two\rLine three\n\tindented")).toBe("Line one\nLine two\nLine three\n\tindented");
    expect(messageOf(bio, "Hello\u0000")).toBe("Bio contains a control character (U+0000); remove it.");
    expect(messageOf(bio, "Hello\u000bthere")).toBe("Bio contains a control character (U+000B); remove it.");
  });
});

describe("text properties", () => {
  const params = { numRuns: 500, seed: 9 };

  it("what a schema accepts never holds a control character other than tab and LF, nor a lone surrogate", () => {
    fc.assert(
      fc.property(awkward, fc.boolean(), (input, multiline) => {
        const r = (multiline ? multiLine("Text") : singleLine("Text")).safeParse(input);
        if (!r.success) return;
        expect(r.data).not.toMatch(FORBIDDEN_IN_OUTPUT);
        expect(r.data).not.toMatch(/\p{Cs}/u);
        if (!multiline) expect(r.data).not.toMatch(/[\t\n]/);
      }),
      params,
    );
  });

  it("refuses exactly the input whose cleaned form has a problem, with the field named", () => {
    fc.assert(
      fc.property(awkward, (input) => {
        const r = singleLine("Text").safeParse(input);
        const problem = textProblem(cleanText(input));
        expect(r.success).toBe(problem === null);
        if (!r.success) expect(r.error.issues[0]!.message).toBe(`Text ${problem}`);
      }),
      params,
    );
  });

  it("cleaning is NFC and idempotent, and the result is trimmed", () => {
    fc.assert(
      fc.property(awkward, fc.boolean(), (input, multiline) => {
        const once = cleanText(input, { multiline });
        expect(cleanText(once, { multiline })).toBe(once);
        expect(once.normalize("NFC")).toBe(once);
        expect(once).toBe(once.trim());
      }),
      params,
    );
  });

  it("plain printable text passes unchanged apart from NFC and trimming", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !/[\p{Cc}]/u.test(s)),
        (input) => {
          expect(singleLine("Text").parse(input)).toBe(input.normalize("NFC").trim());
        },
      ),
      params,
    );
  });
});
