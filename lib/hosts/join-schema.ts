import { z } from "zod";
import { tlsEndpointOf } from "@/lib/hosts/pki/tls-options";
import { multiLine, singleLine } from "@/lib/text-input";

/** A host's name: it becomes its engine id, so the engine-id rule (lowercase letters, digits, dashes). */
export const hostName = singleLine("The host name").regex(
  /^[a-z0-9][a-z0-9-]{0,39}$/,
  "A host name is 1 to 40 lowercase letters, digits and dashes, starting with a letter or digit.",
);

const pem = (what: string) => multiLine(what).min(1, `${what} is required.`).max(16_384, `${what} is at most 16 KiB.`);

const engineUrl = singleLine("The Engine API URL")
  .max(300, "The Engine API URL is at most 300 characters.")
  .refine((v) => {
    try {
      tlsEndpointOf(v);
      return /^tcp:\/\//.test(v);
    } catch {
      return false;
    }
  }, "The Engine API URL is tcp://ADDRESS:2376, the address Mingle reaches the host's dockerd at.");

export const createJoinTokenInput = z.strictObject({
  hostName: hostName.optional(),
  expiresInMinutes: z
    .number({ error: "expiresInMinutes is a number of minutes from 5 to 1440." })
    .int("expiresInMinutes is a whole number.")
    .min(5, "A join token lasts at least 5 minutes.")
    .max(1440, "A join token lasts at most 1440 minutes (a day).")
    .default(60),
});
export type CreateJoinTokenInput = z.infer<typeof createJoinTokenInput>;

export const joinTokenView = z.object({
  token: z.string().describe("Shown once: Mingle keeps only its sha256"),
  expiresAt: z.iso.datetime(),
  hostName: z.string().nullable(),
  caDigest: z.string().describe("sha256 of Mingle's CA certificate, also inside the token"),
  command: z.string().describe("What to run on the joining machine, as root"),
});
export type JoinTokenView = z.infer<typeof joinTokenView>;

export const joinHostInput = z.strictObject({
  token: singleLine("The join token").min(1, "The join token is required.").max(200, "That is not a join token (too long)."),
  name: hostName,
  engineUrl,
  csrPem: pem("The certificate request"),
});
export type JoinHostInput = z.infer<typeof joinHostInput>;

export const renewHostInput = z.strictObject({
  certPem: pem("The current certificate"),
  csrPem: pem("The certificate request"),
});
export type RenewHostInput = z.infer<typeof renewHostInput>;

export const hostCertificateView = z.object({
  name: z.string(),
  certPem: z.string(),
  caPem: z.string(),
  notAfter: z.iso.datetime(),
});
export type HostCertificateView = z.infer<typeof hostCertificateView>;

export const caView = z.object({ certPem: z.string(), digest: z.string() });
