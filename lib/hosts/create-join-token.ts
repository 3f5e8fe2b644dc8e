import { fail, ok, type Result } from "@/lib/errors";
import type { CreateJoinTokenInput, JoinTokenView } from "./join-schema";
import { hashJoinToken, makeJoinToken } from "./join-token";
import type { JoinTokenRepo } from "./join-token-repo";

export interface CreateJoinTokenDeps {
  tokens: JoinTokenRepo;
  /** Mingle's CA digest (made on first use). */
  caDigest: () => Promise<string>;
  /** Where joining machines reach Mingle (PUBLIC_URL). */
  publicUrl: string;
  now: () => Date;
}

/** An organizer makes a one-time join token for a new backing host; the token is returned this once. */
export async function createJoinToken(deps: CreateJoinTokenDeps, user: { id: string; role: string }, input: CreateJoinTokenInput): Promise<Result<JoinTokenView>> {
  if (user.role !== "ORGANIZER") return fail("FORBIDDEN", "Only organizers can add backing hosts.");
  const caDigest = await deps.caDigest();
  const token = makeJoinToken(caDigest);
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + input.expiresInMinutes * 60_000);
  const hostName = input.hostName ?? null;
  await deps.tokens.create({ tokenHash: hashJoinToken(token), createdById: user.id, hostName, createdAt: now, expiresAt });
  const name = hostName ?? "NAME";
  return ok({
    token,
    expiresAt: expiresAt.toISOString(),
    hostName,
    caDigest,
    command: `bash scripts/lab-host.sh join ${deps.publicUrl.replace(/\/$/, "")} ${token} --name ${name} --address ADDRESS`,
  });
}
