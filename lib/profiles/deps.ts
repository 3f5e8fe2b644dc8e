import { db } from "@/lib/db";
import { renderMarkdown } from "@/lib/markdown/render";
import { matchIndexChanged } from "@/lib/offers/deps";
import { profileRepo, sessionsConnected } from "./repo";
import type { ProfileDeps } from "./service";

export function profileDeps(overrides: Partial<ProfileDeps> = {}): ProfileDeps {
  return {
    profiles: profileRepo(db),
    render: renderMarkdown,
    connected: sessionsConnected(db),
    changed: matchIndexChanged,
    ...overrides,
  };
}
