import type { Db } from "@/lib/db";

export interface UserTemplateRecord {
  id: string;
  authorId: string;
  title: string;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Oldest first. */
  versions: { number: number; createdAt: Date }[];
}

export interface ReviewRecord extends UserTemplateRecord {
  author: { id: string; name: string; email: string };
}

export interface CatalogueRow {
  versionId: string;
  templateId: string;
  authorId: string;
  number: number;
  disabledReason: string | null;
}

export interface SavedVersion {
  templateId: string;
  number: number;
  createdAt: Date;
}

export interface UserTemplateRepo {
  find(id: string): Promise<UserTemplateRecord | null>;
  listByAuthor(authorId: string): Promise<UserTemplateRecord[]>;
  listAll(): Promise<ReviewRecord[]>;
  countByAuthor(authorId: string): Promise<number>;
  versionYaml(templateId: string, number: number): Promise<string | null>;
  /** A new template with its version 1. */
  create(authorId: string, title: string, yaml: string): Promise<SavedVersion>;
  /** The next version (numbers never repeat: the template's row is locked while the next one is chosen). */
  addVersion(templateId: string, title: string, yaml: string): Promise<SavedVersion>;
  setDisabled(id: string, disabled: { at: Date; reason: string; byId: string } | null): Promise<void>;
  /** Every version, without its text: what the catalogue holds. */
  catalogueRows(): Promise<CatalogueRow[]>;
  yamlOf(versionIds: string[]): Promise<Map<string, string>>;
  /** Offers whose lab template is one of the template's versions. */
  offersUsing(templateId: string): Promise<number>;
}

const select = {
  id: true,
  authorId: true,
  title: true,
  disabledAt: true,
  disabledReason: true,
  createdAt: true,
  updatedAt: true,
  versions: { select: { number: true, createdAt: true }, orderBy: { number: "asc" } },
} as const;

export function userTemplateRepo(db: Db): UserTemplateRepo {
  return {
    find: (id) => db.userTemplate.findUnique({ where: { id }, select }),
    listByAuthor: (authorId) => db.userTemplate.findMany({ where: { authorId }, select, orderBy: { updatedAt: "desc" } }),
    listAll: () =>
      db.userTemplate.findMany({
        select: { ...select, author: { select: { id: true, name: true, email: true } } },
        orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { updatedAt: "desc" }],
      }),
    countByAuthor: (authorId) => db.userTemplate.count({ where: { authorId } }),
    async versionYaml(templateId, number) {
      const v = await db.userTemplateVersion.findUnique({ where: { templateId_number: { templateId, number } }, select: { yaml: true } });
      return v?.yaml ?? null;
    },
    async create(authorId, title, yaml) {
      const t = await db.userTemplate.create({
        data: { authorId, title, versions: { create: { number: 1, yaml } } },
        select: { id: true, versions: { select: { number: true, createdAt: true } } },
      });
      return { templateId: t.id, number: 1, createdAt: t.versions[0]!.createdAt };
    },
    addVersion(templateId, title, yaml) {
      return db.$transaction(async (tx) => {
        // The update takes the template's row lock: two saves at once get consecutive numbers.
        await tx.userTemplate.update({ where: { id: templateId }, data: { title }, select: { id: true } });
        const last = await tx.userTemplateVersion.aggregate({ where: { templateId }, _max: { number: true } });
        const v = await tx.userTemplateVersion.create({ data: { templateId, number: (last._max.number ?? 0) + 1, yaml }, select: { number: true, createdAt: true } });
        return { templateId, ...v };
      });
    },
    async setDisabled(id, disabled) {
      await db.userTemplate.update({
        where: { id },
        data: disabled ? { disabledAt: disabled.at, disabledReason: disabled.reason, disabledById: disabled.byId } : { disabledAt: null, disabledReason: null, disabledById: null },
        select: { id: true },
      });
    },
    async catalogueRows() {
      const rows = await db.userTemplateVersion.findMany({
        select: { id: true, number: true, templateId: true, template: { select: { authorId: true, disabledAt: true, disabledReason: true } } },
      });
      return rows.map((r) => ({
        versionId: r.id,
        templateId: r.templateId,
        authorId: r.template.authorId,
        number: r.number,
        disabledReason: r.template.disabledAt ? (r.template.disabledReason ?? "") : null,
      }));
    },
    async yamlOf(versionIds) {
      if (versionIds.length === 0) return new Map();
      const rows = await db.userTemplateVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, yaml: true } });
      return new Map(rows.map((r) => [r.id, r.yaml]));
    },
    offersUsing: (templateId) => db.offer.count({ where: { labTemplate: { startsWith: `u-${templateId}-v` } } }),
  };
}
