import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/**
 * A minimal Docker Registry (HTTP API v2, read-only) for tests: no registry is reachable from
 * these machines, so the real Docker Engine pulls from this one on 127.0.0.1 (which the Engine
 * treats as an insecure registry by default). Each image is one gzipped layer plus its config.
 */
export interface TestImage {
  /** Repository and tag, e.g. "mingle/pulled:1". */
  name: string;
  /** The layer: a tar of the root filesystem. */
  rootfs: Buffer;
  config: { User?: string; Env?: string[]; WorkingDir?: string; Cmd?: string[] };
}

export interface TestRegistry {
  /** "127.0.0.1:PORT", to prefix image references with. */
  host: string;
  /** Every request, as "METHOD path". */
  requests: string[];
  close(): Promise<void>;
}

const MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
const sha256 = (data: Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

/** `bytesPerSecond` slows blob downloads down, to watch pull progress. */
export async function startTestRegistry(images: TestImage[], opts: { bytesPerSecond?: number } = {}): Promise<TestRegistry> {
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, Buffer>();
  for (const image of images) {
    const layer = gzipSync(image.rootfs);
    const config = Buffer.from(
      JSON.stringify({
        architecture: process.arch === "arm64" ? "arm64" : "amd64",
        os: "linux",
        config: image.config,
        rootfs: { type: "layers", diff_ids: [sha256(image.rootfs)] },
        history: [{ created_by: "lib/testing/registry.ts" }],
      }),
    );
    blobs.set(sha256(layer), layer);
    blobs.set(sha256(config), config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MANIFEST_TYPE,
        config: { mediaType: "application/vnd.docker.container.image.v1+json", size: config.length, digest: sha256(config) },
        layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", size: layer.length, digest: sha256(layer) }],
      }),
    );
    const [repo, tag] = image.name.split(":") as [string, string];
    manifests.set(`${repo}:${tag}`, manifest);
    manifests.set(`${repo}:${sha256(manifest)}`, manifest);
  }

  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://registry").pathname;
    requests.push(`${req.method} ${path}`);
    /** `paced`: at opts.bytesPerSecond, in ten chunks a second (blobs only). */
    const send = (status: number, body: Buffer, headers: Record<string, string> = {}, paced = false) => {
      res.writeHead(status, { "docker-distribution-api-version": "registry/2.0", "content-length": String(body.length), ...headers });
      if (req.method === "HEAD") return void res.end();
      if (!paced || !opts.bytesPerSecond) return void res.end(body);
      const chunk = Math.max(1024, Math.floor(opts.bytesPerSecond / 10));
      let at = 0;
      const timer = setInterval(() => {
        res.write(body.subarray(at, at + chunk));
        at += chunk;
        if (at >= body.length) {
          clearInterval(timer);
          res.end();
        }
      }, 100);
      res.on("close", () => clearInterval(timer));
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, Buffer.from("{}"));
    if (path === "/v2/" || path === "/v2") return send(200, Buffer.from("{}"), { "content-type": "application/json" });
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(path);
    const notFound = () => send(404, Buffer.from(JSON.stringify({ errors: [{ code: "MANIFEST_UNKNOWN", message: "not here" }] })), { "content-type": "application/json" });
    if (!m) return notFound();
    const [, repo, kind, ref] = m as unknown as [string, string, string, string];
    if (kind === "manifests") {
      const manifest = manifests.get(`${repo}:${ref}`);
      return manifest ? send(200, manifest, { "content-type": MANIFEST_TYPE, "docker-content-digest": sha256(manifest) }) : notFound();
    }
    const blob = blobs.get(ref);
    return blob ? send(200, blob, { "content-type": "application/octet-stream", "docker-content-digest": ref }, true) : notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
