import type { UserView } from "@/lib/auth/schema";
import { fail, ok, type Result } from "@/lib/errors";
import { normalizeTags } from "@/lib/tags/rules";
import type { ProfileRepo } from "./repo";
import { visibleProfile, type Relation } from "./rules";
import type { ProfileUpdate, ProfileView } from "./schema";

export interface ProfileDeps {
  profiles: ProfileRepo;
  render: (markdown: string) => string;
  /** True when the two people share an accepted session (booking decides). */
  connected: (a: string, b: string) => Promise<boolean>;
  /** Called after a profile changes (recommendations read names and tags). */
  changed?: () => void;
}

export async function getProfile(deps: ProfileDeps, viewer: UserView, userId: string): Promise<Result<ProfileView>> {
  const record = await deps.profiles.find(userId);
  const notFound = fail("NOT_FOUND", "No such profile.");
  if (!record) return notFound;
  let relation: Relation = "stranger";
  if (viewer.id === userId) relation = "self";
  else if (viewer.role === "ORGANIZER") relation = "organizer";
  else if (await deps.connected(viewer.id, userId)) relation = "connected";
  const view = visibleProfile(record, relation, deps.render);
  // A hidden profile answers like a missing one, so hiding cannot be probed.
  return view ? ok(view) : notFound;
}

export async function updateProfile(deps: ProfileDeps, viewer: UserView, input: ProfileUpdate): Promise<Result<ProfileView>> {
  const data: ProfileUpdate = { ...input };
  for (const side of ["offerTags", "seekTags"] as const) {
    const tags = input[side];
    if (!tags) continue;
    const normalized = normalizeTags(tags);
    if (!normalized.ok) {
      const fields = Object.fromEntries(Object.entries(normalized.fields ?? {}).map(([k, v]) => [k.replace(/^tags/, side), v]));
      return fail("VALIDATION_FAILED", normalized.message, fields);
    }
    data[side] = normalized.value;
  }
  const record = await deps.profiles.update(viewer.id, data);
  deps.changed?.();
  return ok(visibleProfile(record, "self", deps.render)!);
}
