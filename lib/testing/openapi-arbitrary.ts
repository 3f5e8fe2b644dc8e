import fc from "fast-check";

/**
 * fast-check arbitraries for requests to the API, read from its OpenAPI document (JSON Schema
 * 2020-12 as zod writes it). Values are mostly what the schema asks for, filled with strings that
 * have broken servers before (NUL, controls, lone surrogates, huge, emoji, injection-looking), and
 * sometimes the wrong shape: missing and extra fields, wrong types, garbage bodies.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
}

/**
 * Values the test knows to be real (ids of rows, template names, bookable instants), so that
 * requests get past "not found" and the one odd field is what the server has to deal with.
 */
export interface Known {
  /** By field or parameter name: offerId, sessionId, timeZone, day, template, ... */
  byName: Readonly<Record<string, readonly string[]>>;
  /** Any of them, for fields without a name of their own. */
  strings: readonly string[];
  instants: readonly string[];
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const control = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => c < 0x20 || c >= 0x7f)
  .map((c) => String.fromCharCode(c));

/** Ordinary words with one control character or lone surrogate inside: passes every other check. */
const taintedWords = fc
  .tuple(
    fc.string({ unit: "grapheme-ascii", minLength: 3, maxLength: 12 }),
    fc.oneof(fc.constant("\u0000"), control, loneSurrogate),
    fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
  )
  .map(([a, odd, b]) => `${a}${odd}${b}`);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: taintedWords, weight: 4 },
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\u0000\u0000\u0000",
    "\ud800",
    "x\udfffy",
    "😀",
    "e\u0301",
    "\u202eevil",
    "\ufeff",
    " ",
    "",
    "\t\n\r",
    "%00",
    "null",
    "true",
    "-1",
    "1e309",
    "NaN",
    "__proto__",
    "constructor",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\\",
    "2026-02-30T25:61:00Z",
    "Europe/Nowhere",
  ),
  fc.string({ unit: fc.oneof(control, loneSurrogate, fc.constantFrom("a", " ", "😀", "\u0301")), maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.tuple(fc.constantFrom("x", "\u0000", "😀", "é", " ", "\ud800"), fc.integer({ min: 100, max: 70_000 })).map(([c, n]) => c.repeat(n)),
);

const edgeNumber = fc.constantFrom(0, -1, 1, 1.5, -0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, Number.MIN_VALUE);

/** Any JSON value of a shape the schema did not ask for. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  edgeNumber,
  hostileString,
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(JSON.parse('{"__proto__":{"admin":true}}') as unknown),
  fc.integer({ min: 2, max: 2000 }).map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown),
);

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1000;
  const max = schema.maximum ?? Math.max(min, 0) + 1000;
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

function stringOf(schema: JsonSchema, known: Known, name?: string): fc.Arbitrary<string> {
  const named = name ? known.byName[name] : undefined;
  if (named?.length) return fc.constantFrom(...named);
  if (schema.format === "date-time" && known.instants.length) return fc.constantFrom(...known.instants);
  if (schema.format === "email") return fc.emailAddress();
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 30, 30));
  return fc.oneof(
    { arbitrary: fc.string({ unit: "grapheme-ascii", minLength, maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: "grapheme", minLength, maxLength }), weight: 1 },
    ...(known.strings.length ? [{ arbitrary: fc.constantFrom(...known.strings), weight: 1 }] : []),
  );
}

const hostileNumber = fc.oneof(edgeNumber, wrongValue);

/** A hostile string for a field; for a field with known good values, also one of them with a control character slipped in. */
function hostileFor(known: Known, name?: string): fc.Arbitrary<string> {
  const named = name ? known.byName[name] : undefined;
  if (!named?.length) return hostileString;
  const slipped = fc
    .tuple(fc.constantFrom(...named), fc.oneof(fc.constant("\u0000"), control, loneSurrogate), fc.nat())
    .map(([good, odd, at]) => good.slice(0, at % (good.length + 1)) + odd + good.slice(at % (good.length + 1)));
  return fc.oneof(hostileString, slipped);
}

/**
 * A value of the schema's shape. "valid" fills it with plausible contents (known ids, instants,
 * enum members) so it gets past the shape checks; "hostile" does the same except for one place,
 * which gets a hostile string or a wrong value — so that one odd field reaches as deep as it can.
 */
function shaped(schema: JsonSchema, known: Known, mode: "valid" | "hostile", depth: number, name?: string): fc.Arbitrary<unknown> {
  if (depth > 4) return wrongValue;
  const hostile = mode === "hostile";
  if (schema.const !== undefined) return hostile ? fc.oneof(hostileString, wrongValue) : fc.constant(schema.const);
  if (schema.enum?.length) return hostile ? fc.oneof(hostileString, wrongValue) : fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (union?.length) return fc.oneof(...union.map((s) => shaped(s, known, mode, depth + 1, name)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return hostile ? hostileFor(known, name) : stringOf(schema, known, name);
    case "integer":
    case "number":
      return hostile ? hostileNumber : numberOf(schema, type === "integer");
    case "boolean":
      return hostile ? wrongValue : fc.boolean();
    case "null":
      return hostile ? wrongValue : fc.constant(null);
    case "array":
      return arrayOf(schema, known, mode, depth, name);
    case "object":
      return objectOf(schema, known, mode, depth);
    default:
      return hostile ? wrongValue : fc.oneof(hostileString, fc.jsonValue({ maxDepth: 2 }));
  }
}

function arrayOf(schema: JsonSchema, known: Known, mode: "valid" | "hostile", depth: number, name?: string): fc.Arbitrary<unknown[]> {
  const item = schema.items ?? {};
  const max = Math.min(schema.maxItems ?? 4, 4);
  const valid = fc.array(shaped(item, known, "valid", depth + 1, name), { minLength: Math.min(schema.minItems ?? 0, max), maxLength: max });
  if (mode === "valid") return valid;
  const oneOdd = fc.tuple(valid, shaped(item, known, "hostile", depth + 1, name)).map(([list, odd]) => [...list, odd]);
  const tooMany = fc.integer({ min: (schema.maxItems ?? 50) + 1, max: (schema.maxItems ?? 50) + 20 }).map((n) => Array.from({ length: n }, (_, i) => `item-${i}`));
  return fc.oneof({ arbitrary: oneOdd, weight: 4 }, { arbitrary: tooMany, weight: 1 });
}

function objectOf(schema: JsonSchema, known: Known, mode: "valid" | "hostile", depth: number): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(schema.required ?? []);
  const keys = Object.keys(schema.properties ?? {});
  // Which property is the odd one (hostile mode), or an extra unknown field, or a required one left out.
  const twist =
    mode === "valid"
      ? fc.constant({ kind: "none" as const })
      : fc.oneof(
          { arbitrary: keys.length ? fc.constantFrom(...keys).map((key) => ({ kind: "odd" as const, key })) : fc.constant({ kind: "none" as const }), weight: 6 },
          {
            arbitrary: fc
              .tuple(fc.oneof(fc.constantFrom("role", "id", "__proto__", "userId"), hostileString), wrongValue)
              .map(([key, value]) => ({ kind: "extra" as const, key, value })),
            weight: 1,
          },
          { arbitrary: required.size ? fc.constantFrom(...required).map((key) => ({ kind: "missing" as const, key })) : fc.constant({ kind: "none" as const }), weight: 1 },
        );
  const props = schema.properties ?? {};
  const values = fc.tuple(...keys.map((k) => fc.tuple(shaped(props[k]!, known, "valid", depth + 1, k), shaped(props[k]!, known, "hostile", depth + 1, k), fc.boolean())));
  return fc.tuple(twist, values).map(([t, vs]) => {
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      const [valid, odd, includeOptional] = vs[i]!;
      if (t.kind === "odd" && t.key === k) out[k] = odd;
      else if (t.kind === "missing" && t.key === k) return;
      else if (required.has(k) || includeOptional) out[k] = valid;
    });
    // defineProperty, so that "__proto__" becomes an own field that JSON.stringify writes.
    if (t.kind === "extra") Object.defineProperty(out, t.key, { value: t.value, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** A value for one schema: mostly of its shape with one odd place, sometimes all plausible, sometimes of another shape altogether. */
export function arbitraryValue(schema: JsonSchema, known: Known, name?: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: shaped(schema, known, "hostile", 0, name), weight: 6 },
    { arbitrary: shaped(schema, known, "valid", 0, name), weight: 2 },
    { arbitrary: wrongValue, weight: 1 },
  );
}

/** What a query string or a path segment can carry: always text. */
export function textOf(schema: JsonSchema, known: Known, name?: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: arbitraryValue(schema, known, name).map((v) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : (JSON.stringify(v) ?? ""))), weight: 3 },
    { arbitrary: hostileString, weight: 2 },
  );
}

/**
 * Percent-encodes a path segment or a query value. A lone surrogate has no UTF-8 form, so it is
 * sent as the bytes a careless encoder would write (invalid UTF-8), as a hostile client could.
 */
export function percentEncode(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** Already-encoded path segments that are not valid percent-encoding or not valid UTF-8. */
export const rawSegment = fc.constantFrom("%", "%zz", "%FF", "%C0%80", "%E0%80", "%00", "%ED%A0%80", "a%2Fb", "%25", "..%2F..");

/** A request body as sent on the wire: JSON of a value (right or wrong), or text that is not JSON at all. */
export function bodyOf(schema: JsonSchema, known: Known): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: arbitraryValue(schema, known).map((v) => JSON.stringify(v) ?? "null"), weight: 12 },
    {
      arbitrary: fc.constantFrom(
        "",
        "{",
        '{"a":',
        "\u0000",
        "[]",
        "null",
        "0",
        '"text"',
        '{"__proto__":{"x":1}}',
        '{"a":"\\u0000"}',
        '{"a":"\\ud800"}',
        "\ufeff{}",
        "{}".repeat(1000),
      ),
      weight: 1,
    },
  );
}
