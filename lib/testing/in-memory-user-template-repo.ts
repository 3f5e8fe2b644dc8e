import type { CatalogueRow, ReviewRecord, SavedVersion, UserTemplateRecord, UserTemplateRepo } from "@/lib/templates/repo";

/** The templates repository in memory, for unit tests of lib/templates (the real one: lib/templates/repo.ts). */
export function inMemoryUserTemplateRepo(authors: Record<string, { name: string; email: string }> = {}): UserTemplateRepo & { yaml: Map<string, string> } {
  const templates = new Map<string, UserTemplateRecord>();
  const yaml = new Map<string, string>();
  const offers: string[] = [];
  let seq = 0;
  const clock = () => new Date(Date.UTC(2026, 11, 2, 9, 0, seq++));
  const copy = (t: UserTemplateRecord): UserTemplateRecord => ({ ...t, versions: t.versions.map((v) => ({ ...v })) });
  const review = (t: UserTemplateRecord): ReviewRecord => ({
    ...copy(t),
    author: { id: t.authorId, ...(authors[t.authorId] ?? { name: t.authorId, email: `${t.authorId}@mingle.test` }) },
  });
  const add = (id: string, text: string): SavedVersion => {
    const t = templates.get(id)!;
    const number = (t.versions.at(-1)?.number ?? 0) + 1;
    const createdAt = clock();
    t.versions.push({ number, createdAt });
    t.updatedAt = createdAt;
    yaml.set(`${id}/${number}`, text);
    return { templateId: id, number, createdAt };
  };
  return {
    yaml,
    find: async (id) => (templates.has(id) ? copy(templates.get(id)!) : null),
    listByAuthor: async (authorId) => [...templates.values()].filter((t) => t.authorId === authorId).map(copy),
    listAll: async () => [...templates.values()].map(review),
    countByAuthor: async (authorId) => [...templates.values()].filter((t) => t.authorId === authorId).length,
    versionYaml: async (id, number) => yaml.get(`${id}/${number}`) ?? null,
    async create(authorId, title, text) {
      const id = `t${++seq}`;
      const at = clock();
      templates.set(id, { id, authorId, title, disabledAt: null, disabledReason: null, createdAt: at, updatedAt: at, versions: [] });
      return add(id, text);
    },
    async addVersion(id, title, text) {
      templates.get(id)!.title = title;
      return add(id, text);
    },
    async setDisabled(id, disabled) {
      const t = templates.get(id)!;
      t.disabledAt = disabled?.at ?? null;
      t.disabledReason = disabled?.reason ?? null;
    },
    async catalogueRows(): Promise<CatalogueRow[]> {
      return [...templates.values()].flatMap((t) =>
        t.versions.map((v) => ({
          versionId: `${t.id}/${v.number}`,
          templateId: t.id,
          authorId: t.authorId,
          number: v.number,
          disabledReason: t.disabledAt ? (t.disabledReason ?? "") : null,
        })),
      );
    },
    yamlOf: async (ids) => new Map(ids.filter((id) => yaml.has(id)).map((id) => [id, yaml.get(id)!])),
    offersUsing: async (id) => offers.filter((o) => o.startsWith(`u-${id}-v`)).length,
  };
}
