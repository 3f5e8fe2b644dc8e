import type { Result } from "@/lib/errors";

/**
 * What joining and renewing tell the rest of the hosts slice. The LabHost registry implements
 * these (record-joined-host.ts: it creates or updates the host's row, and the registry registers its engine); a
 * Failure it returns (a name already taken, a removed host) is what the joining machine is told.
 */
export interface JoinedHost {
  name: string;
  /** tcp://ADDRESS:2376: where Mingle reaches the host's dockerd over mutual TLS. */
  engineUrl: string;
  certNotAfter: Date;
}
export type RegisterJoinedHost = (host: JoinedHost) => Promise<Result<void>>;

export interface RenewedHost {
  name: string;
  certNotAfter: Date;
}
export type HostCertificateRenewed = (host: RenewedHost) => Promise<Result<void>>;
