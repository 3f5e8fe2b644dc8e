/** Suggestions for a comma-separated tag input: the conference's curated topics. */
export function TagDatalist({ id, tags }: { id: string; tags: ReadonlyArray<{ slug: string; label: string }> }) {
  return (
    <datalist id={id}>
      {tags.map((t) => (
        <option key={t.slug} value={t.slug}>
          {t.label}
        </option>
      ))}
    </datalist>
  );
}

/** "k8s, LinuxKit ," → ["k8s", "LinuxKit"]; the server normalizes each tag. */
export function splitTags(value: FormDataEntryValue | null): string[] {
  return String(value ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
