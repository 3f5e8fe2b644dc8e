import type { UserTemplateRecord } from "./repo";
import { userTemplateName } from "./rules";
import type { UserTemplateView } from "./schema";

export function disabledView(r: Pick<UserTemplateRecord, "disabledAt" | "disabledReason">): { reason: string; at: string } | null {
  return r.disabledAt ? { reason: r.disabledReason ?? "", at: r.disabledAt.toISOString() } : null;
}

export function latestNumber(r: Pick<UserTemplateRecord, "versions">): number {
  return r.versions.at(-1)?.number ?? 1;
}

export function toUserTemplateView(r: UserTemplateRecord, latestYaml: string): UserTemplateView {
  const latest = latestNumber(r);
  return {
    id: r.id,
    title: r.title,
    disabled: disabledView(r),
    versions: r.versions.map((v) => ({ number: v.number, name: userTemplateName(r.id, v.number), createdAt: v.createdAt.toISOString() })),
    latest: { number: latest, name: userTemplateName(r.id, latest), yaml: latestYaml },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
