import { remember } from "@/lib/singleton";
import { env } from "@/lib/env";
import { type TlsFor, tlsFromCertDir } from "./engine-options";
import { type ClientIdentity, mingleClientIdentity } from "./pki/mingle-client-identity";

/** How often the identity is checked for renewal (it renews a third of its 90-day life early). */
const RENEWAL_CHECK_MS = 6 * 60 * 60_000;

/**
 * What Mingle presents to tcp:// hosts: Mingle's own client identity from its CA (lib/hosts/pki),
 * or a DOCKER_CERT_PATH-style folder when the operator sets LAB_HOST_CERT_DIR. The registry reads it
 * synchronously (TlsFor); `refresh()` loads it, or renews it when due, and says whether it changed,
 * so the engines can be registered again with the new certificate before the old one expires.
 */
export class ClientTls {
  private identity: ClientIdentity | undefined;
  private readonly fromDir: TlsFor | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: { pkiDir: string; certDir?: string }) {
    this.fromDir = opts.certDir ? tlsFromCertDir(opts.certDir) : undefined;
  }

  readonly tlsFor: TlsFor = (url) => {
    if (this.fromDir) return this.fromDir(url);
    const id = this.identity;
    return id && { ca: id.ca, cert: id.cert, key: id.key };
  };

  get notAfter(): Date | undefined {
    return this.identity?.notAfter;
  }

  async refresh(now = new Date()): Promise<boolean> {
    if (this.fromDir) return false;
    const next = await mingleClientIdentity(this.opts.pkiDir, now);
    const changed = next.cert !== this.identity?.cert;
    this.identity = next;
    return changed;
  }

  /** A background task: checks for renewal every few hours; `onRenewed` re-registers the engines. */
  startRenewal(onRenewed: () => void, log: (event: string, fields: Record<string, unknown>) => void): void {
    this.timer ??= setInterval(() => {
      this.refresh().then(
        (changed) => {
          if (!changed) return;
          log("hosts.client_certificate_renewed", { notAfter: this.identity?.notAfter.toISOString() });
          onRenewed();
        },
        (error: unknown) => log("hosts.client_certificate_renewal_failed", { error: String(error) }),
      );
    }, RENEWAL_CHECK_MS);
    this.timer.unref();
  }

  stopRenewal(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** This process's client TLS (the registry, the Hosts page's add probe and the join flow share it). */
export function clientTls(): ClientTls {
  return remember("hosts.client-tls", () => new ClientTls({ pkiDir: env().HOSTS_PKI_DIR, certDir: env().LAB_HOST_CERT_DIR }));
}
