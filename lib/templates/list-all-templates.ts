import { fail, ok, type Result } from "@/lib/errors";
import type { TemplateDeps, TemplateUser } from "./ports";
import type { ReviewRecord } from "./repo";
import { userTemplateName } from "./rules";
import type { ReviewItem } from "./schema";
import { disabledView, latestNumber } from "./view";

export async function reviewItemOf(deps: Pick<TemplateDeps, "repo">, r: ReviewRecord): Promise<ReviewItem> {
  const latest = latestNumber(r);
  return {
    id: r.id,
    title: r.title,
    author: r.author,
    disabled: disabledView(r),
    versions: r.versions.length,
    latest: { number: latest, name: userTemplateName(r.id, latest) },
    offers: await deps.repo.offersUsing(r.id),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Every person's template for organizers to review (disabled ones first), with how many offers name it. */
export async function listAllTemplates(deps: Pick<TemplateDeps, "repo">, organizer: TemplateUser): Promise<Result<{ items: ReviewItem[] }, "FORBIDDEN">> {
  if (organizer.role !== "ORGANIZER") return fail("FORBIDDEN", "Only organizers can review everyone's templates.");
  const records = await deps.repo.listAll();
  return ok({ items: await Promise.all(records.map((r) => reviewItemOf(deps, r))) });
}
