import { isIP } from "node:net";
import { fail, ok, type Result } from "@/lib/errors";
import type { WindowLimiter } from "@/lib/rate-limit/limiter";
import { limited } from "@/lib/rate-limit/policy";
import type { Ca } from "./pki/ca";
import { signHostCertificate } from "./pki/sign-host-certificate";
import { tlsEndpointOf } from "./pki/tls-options";
import type { RegisterJoinedHost } from "./joined-host-port";
import type { HostCertificateView, JoinHostInput } from "./join-schema";
import { hashJoinToken, parseJoinToken } from "./join-token";
import type { JoinTokenRepo } from "./join-token-repo";

export interface JoinHostDeps {
  tokens: JoinTokenRepo;
  ca: () => Promise<Ca>;
  registerJoinedHost: RegisterJoinedHost;
  /** Join attempts per client address: the token is the only credential here. */
  limiter: WindowLimiter;
  now: () => Date;
}

/** Fails closed (lib/rate-limit/policy.ts): with Redis away, the join token's guessing would be unlimited. */
export async function tooManyJoins(limiter: WindowLimiter, address: string): Promise<Result<never> | null> {
  const waitMs = await limiter.take(address);
  return waitMs > 0 ? limited("RATE_LIMITED", "Too many attempts from this address", waitMs) : null;
}

/** The names the host's certificate vouches for: the address in its Engine API URL. */
export function namesOf(engineUrl: string): { ips: string[]; dnsNames: string[] } {
  const { host } = tlsEndpointOf(engineUrl);
  return isIP(host) ? { ips: [host], dnsNames: [] } : { ips: [], dnsNames: [host] };
}

/**
 * A machine joins as a backing host: its one-time token (checked, then used up), its name and
 * Engine API URL, and a CSR for the key it keeps. Answers with its server certificate and
 * Mingle's CA; ends by handing the host to the registry (registerJoinedHost).
 */
export async function joinHost(deps: JoinHostDeps, input: JoinHostInput, clientAddress: string): Promise<Result<HostCertificateView>> {
  const refused = await tooManyJoins(deps.limiter, clientAddress);
  if (refused) return refused;
  const parsed = parseJoinToken(input.token);
  if (!parsed)
    return fail("JOIN_TOKEN_MALFORMED", "That is not a Mingle join token: it looks like MGLTKN-1-<64 hex digits>-<25 letters and digits>. Copy it again from the Hosts page.");
  const ca = await deps.ca();
  if (parsed.caDigest !== ca.digest) {
    return fail("JOIN_TOKEN_OTHER_CA", "This join token was made by another Mingle (or before this Mingle's CA was replaced): make a new one on the Hosts page.");
  }
  const token = await deps.tokens.findByHash(hashJoinToken(input.token));
  if (!token) return fail("JOIN_TOKEN_UNKNOWN", "This join token is not known here: make a new one on the Hosts page.");
  const now = deps.now();
  if (token.usedAt) return fail("JOIN_TOKEN_USED", "This join token was used already (each joins one host): make a new one on the Hosts page.");
  if (token.expiresAt <= now) return fail("JOIN_TOKEN_EXPIRED", `This join token expired at ${token.expiresAt.toISOString()}: make a new one on the Hosts page.`);
  if (token.hostName && token.hostName !== input.name) {
    return fail("JOIN_HOST_NAME_MISMATCH", `This join token is for the host "${token.hostName}", not "${input.name}": join with --name ${token.hostName}.`);
  }
  const signed = signHostCertificate(ca, { csrPem: input.csrPem, hostName: input.name, ...namesOf(input.engineUrl) }, now);
  if (!signed.ok) return signed;
  if (!(await deps.tokens.markUsed(token.id, now, input.name)))
    return fail("JOIN_TOKEN_USED", "This join token was used already (each joins one host): make a new one on the Hosts page.");
  const registered = await deps.registerJoinedHost({ name: input.name, engineUrl: input.engineUrl, certNotAfter: signed.value.notAfter });
  if (!registered.ok) {
    await deps.tokens.release(token.id, token.hostName);
    return registered;
  }
  return ok({ name: input.name, certPem: signed.value.certPem, caPem: ca.certPem, notAfter: signed.value.notAfter.toISOString() });
}
