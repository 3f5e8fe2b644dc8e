import { db } from "@/lib/db";
import { renderMarkdown } from "@/lib/markdown/render";
import { profileRepo } from "./repo";
import type { ProfileDeps } from "./service";

export function profileDeps(overrides: Partial<ProfileDeps> = {}): ProfileDeps {
  return { profiles: profileRepo(db), render: renderMarkdown, connected: async () => false, ...overrides };
}
