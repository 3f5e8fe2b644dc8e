import type Docker from "dockerode";
import { env } from "@/lib/env";
import { mingleClientIdentity } from "./mingle-client-identity";

/** The default folder of Mingle's hosts PKI (HOSTS_PKI_DIR). */
export function hostsPkiDir(): string {
  return env().HOSTS_PKI_DIR;
}

export const DEFAULT_TLS_PORT = 2376;

/** host and port of an Engine API URL reached over TLS: tcp://host:2376 (or https://). */
export function tlsEndpointOf(hostUrl: string): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(hostUrl.replace(/^tcp:/, "https:"));
  } catch {
    throw new Error(`"${hostUrl}" is not an Engine API URL; use tcp://host:2376`);
  }
  if (url.protocol !== "https:" || !url.hostname || url.pathname.replace(/\/$/, "") !== "") throw new Error(`"${hostUrl}" is not an Engine API URL over TLS; use tcp://host:2376`);
  return { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(url.port || DEFAULT_TLS_PORT) };
}

/**
 * dockerode options for a backing host's engine over mutual TLS: Mingle's client identity, and only
 * Mingle's CA trusted for the server (a host with another CA's certificate is refused). Call again
 * and re-register (registerEngine) before the identity's notAfter (mingleClientIdentity tells it);
 * the identity renews itself when due.
 */
export async function tlsOptionsFor(hostUrl: string, dir: string = hostsPkiDir()): Promise<Docker.DockerOptions> {
  const { host, port } = tlsEndpointOf(hostUrl);
  const identity = await mingleClientIdentity(dir);
  return { host, port, protocol: "https", ca: identity.ca, cert: identity.cert, key: identity.key };
}
