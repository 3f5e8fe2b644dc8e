import { readFileSync } from "node:fs";
import path from "node:path";
import type Docker from "dockerode";

/**
 * How to reach a host's Engine API from its URL. unix:// is a socket on this machine; tcp:// is
 * only ever spoken over mutual TLS: Mingle presents its client certificate and checks the host's
 * against its CA. Where the TLS material comes from is a port (TlsFor): Mingle's own CA
 * (lib/hosts/pki) or, until then, a DOCKER_CERT_PATH-style folder (ca.pem, cert.pem, key.pem).
 */
export interface TlsMaterial {
  ca: string | Buffer;
  cert: string | Buffer;
  key: string | Buffer;
}

export type TlsFor = (engineUrl: string) => TlsMaterial | undefined;

export class EngineUrlError extends Error {}

export function dockerOptionsFor(engineUrl: string, tlsFor: TlsFor): Docker.DockerOptions {
  if (engineUrl.startsWith("unix://")) return { socketPath: engineUrl.slice("unix://".length) };
  if (!engineUrl.startsWith("tcp://")) throw new EngineUrlError(`"${engineUrl}" is neither unix:// nor tcp://.`);
  const url = new URL(engineUrl.replace(/^tcp:/, "https:"));
  const tls = tlsFor(engineUrl);
  if (!tls) throw new EngineUrlError(`No TLS client certificate for ${engineUrl}: Mingle reaches tcp:// hosts only over mutual TLS.`);
  return { host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 2376), protocol: "https", ca: tls.ca, cert: tls.cert, key: tls.key };
}

/** TLS material from a folder holding ca.pem, cert.pem and key.pem (the layout `docker --tlsverify` reads); undefined without one. */
export function tlsFromCertDir(dir: string | undefined): TlsFor {
  let cached: TlsMaterial | undefined;
  return () => {
    if (!dir) return undefined;
    cached ??= {
      ca: readFileSync(path.join(dir, "ca.pem")),
      cert: readFileSync(path.join(dir, "cert.pem")),
      key: readFileSync(path.join(dir, "key.pem")),
    };
    return cached;
  };
}
