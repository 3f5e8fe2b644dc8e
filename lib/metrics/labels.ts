/** Label values with a bounded set of values, whatever a client sends or a person names a thing. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** A method label: the HTTP methods, and "other" for anything a client made up. */
export function methodLabel(method: string | undefined): string {
  const m = (method ?? "").toUpperCase();
  return METHODS.has(m) ? m : "OTHER";
}

/** People's own templates (`u-<id>-v<n>`) are one label, so /metrics names no person and stays bounded. */
export function templateLabel(template: { name: string; origin?: unknown }): string {
  return template.origin ? "own" : template.name;
}
