import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { redisLimiter } from "@/lib/rate-limit/redis-limiter";
import { remember } from "@/lib/singleton";
import type { CreateJoinTokenDeps } from "./create-join-token";
import type { JoinHostDeps } from "./join-host";
import { hostUseCaseDeps } from "./deps";
import { joinTokenRepo } from "./join-token-repo";
import { joinedHostRecorder } from "./record-joined-host";
import { ensureCa } from "./pki/ca";
import { hostsPkiDir } from "./pki/tls-options";
import type { RenewHostDeps } from "./renew-host-certificate";

/** Joins and renewals per client address per 15 minutes: plenty for a rack of machines, little for guessing. */
const JOINS_PER_WINDOW = 30;
const WINDOW_MS = 15 * 60_000;

const limiter = () => remember("hosts:join-limiter", () => redisLimiter("host-join", { max: JOINS_PER_WINDOW, windowMs: WINDOW_MS }));
const ca = () => ensureCa(hostsPkiDir());
const recorder = () => remember("hosts:joined-recorder", () => joinedHostRecorder(hostUseCaseDeps));

export function createJoinTokenDeps(): CreateJoinTokenDeps {
  return { tokens: joinTokenRepo(db), caDigest: async () => (await ca()).digest, publicUrl: env().PUBLIC_URL, now: () => new Date() };
}

export function joinHostDeps(): JoinHostDeps {
  return { tokens: joinTokenRepo(db), ca, registerJoinedHost: recorder().registerJoinedHost, limiter: limiter(), now: () => new Date() };
}

export function renewHostDeps(): RenewHostDeps {
  return { ca, hostCertificateRenewed: recorder().hostCertificateRenewed, limiter: limiter(), now: () => new Date() };
}

export { ca as hostsCa };
