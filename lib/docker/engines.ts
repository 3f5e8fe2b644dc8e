import { existsSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import Docker from "dockerode";
import { DockerodeEngine } from "@/lib/docker/dockerode-engine";
import type { Engine } from "@/lib/docker/engine";
import { env } from "@/lib/env";
import { remember } from "@/lib/singleton";

/** The project-local engine socket started by scripts/docker-engine.sh. */
export function projectSocketPath(): string {
  return path.resolve(env().LAB_ENGINE_DIR, "docker.sock");
}

/** Where the "local" engine lives: DOCKER_HOST, else /var/run/docker.sock, else the project socket. */
export function localDockerOptions(): Docker.DockerOptions {
  const host = env().DOCKER_HOST;
  if (host) {
    if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
    const url = new URL(host.replace(/^tcp:/, "http:"));
    return { host: url.hostname, port: Number(url.port || 2375), protocol: "http" };
  }
  if (existsSync("/var/run/docker.sock")) return { socketPath: "/var/run/docker.sock" };
  return { socketPath: projectSocketPath() };
}

/** How to reach each engine, and one client per engine: per process (the custom server and Next's bundles share them). */
const registry = () => remember("docker.engines", () => ({ clients: new Map<string, Engine>(), options: new Map<string, Docker.DockerOptions>() }));

/** Registers how to reach an engine (e.g. a backing host over mutual TLS). Replaces a cached client. */
export function registerEngine(id: string, options: Docker.DockerOptions): void {
  registry().options.set(id, options);
  registry().clients.delete(id);
}

/** The engine registered under `id` ("local" resolves by itself to localDockerOptions()). */
export function getEngine(id = "local"): Engine {
  const { clients, options } = registry();
  const cached = clients.get(id);
  if (cached) return cached;
  const found = options.get(id) ?? (id === "local" ? localDockerOptions() : undefined);
  if (!found) throw new Error(`Unknown Docker engine "${id}"; call registerEngine first.`);
  const engine = engineAt(id, found);
  clients.set(id, engine);
  return engine;
}

/** A client for an engine that is not registered (yet): adding a host asks it first whether it answers. */
export function engineAt(id: string, options: Docker.DockerOptions): Engine {
  // The probe opens a new connection per request: only that tells a closed listener (see DockerodeEngine).
  const agent = options.protocol === "https" ? new https.Agent({ keepAlive: false }) : new http.Agent({ keepAlive: false });
  return new DockerodeEngine(id, new Docker(options), undefined, new Docker({ ...options, agent } as Docker.DockerOptions)); // docker-modem takes `agent`; the typings omit it
}
