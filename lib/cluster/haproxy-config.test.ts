import { describe, expect, it } from "vitest";
import { clusterPlan } from "./cluster-plan";
import { drainNoticeMs, HEALTH_CHECK, haproxyConfig, MAX_REQUESTS_PER_PROCESS } from "./haproxy-config";

const config = (host = "0.0.0.0", processes = 2) => haproxyConfig(clusterPlan({ processes, host, port: 3000 }), { adminSocket: "/data/haproxy/admin.sock" });
const section = (text: string, name: string) => {
  const start = text.indexOf(`\n${name}\n`);
  const end = text.indexOf("\n\n", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
};

describe("haproxyConfig", () => {
  it("binds the public and preview ports and sends each to the processes on 127.0.0.1", () => {
    const text = config();
    expect(section(text, "frontend app")).toContain("bind 0.0.0.0:3000");
    expect(section(text, "frontend preview")).toContain("bind 0.0.0.0:3001");
    expect(section(text, "backend processes")).toMatch(/server p1 127\.0\.0\.1:3010 check .* cookie p1\n {2}server p2 127\.0\.0\.1:3012 check .* cookie p2/);
    expect(text).toContain("stats socket /data/haproxy/admin.sock mode 600 level admin");
  });

  it("writes an IPv6 bind address without brackets (HAProxy splits at the last colon)", () => {
    expect(config("[::]")).toContain("bind :::3000");
    expect(config("::")).toContain("bind :::3001");
  });

  it("checks /api/health, which answers 503 while a process drains, and retries a refused connection elsewhere", () => {
    const text = config();
    expect(text).toContain(`http-check send meth GET uri ${HEALTH_CHECK.path}`);
    expect(text).toContain("http-check expect status 200");
    expect(text).toMatch(/retry-on conn-failure empty-response/);
    expect(text).toMatch(/option redispatch 1/);
    expect(text).toMatch(/option http-keep-alive/);
    expect(text).toMatch(/http-reuse safe/);
    expect(text).toMatch(/timeout tunnel 1h/);
    expect(section(text, "backend processes")).toContain(`fall ${HEALTH_CHECK.fall} rise ${HEALTH_CHECK.rise}`);
  });

  it("keeps long-polling on one process with an inserted cookie", () => {
    expect(section(config(), "backend sockets")).toContain("cookie MINGLE_SRV insert indirect nocache httponly");
    expect(section(config(), "backend processes")).toContain("cookie MINGLE_SRV insert indirect nocache httponly");
  });

  it("bounds the page and API requests a process works on, but not its sockets", () => {
    const text = config();
    expect(section(text, "frontend app")).toContain("use_backend sockets if { path_beg /socket.io/ }");
    const pages = section(text, "backend processes")
      .split("\n")
      .filter((l) => l.trim().startsWith("server "));
    const sockets = section(text, "backend sockets")
      .split("\n")
      .filter((l) => l.trim().startsWith("server "));
    expect(pages).toHaveLength(2);
    for (const line of pages) expect(line).toContain(` maxconn ${MAX_REQUESTS_PER_PROCESS} `);
    expect(sockets.map((l) => l.split(" check")[0])).toEqual(pages.map((l) => l.split(" check")[0]));
    for (const line of sockets) expect(line).not.toContain("maxconn");
  });

  it("overwrites X-Forwarded-For with the client's address, since the processes trust it", () => {
    for (const name of ["frontend app", "frontend preview"]) {
      expect(section(config(), name)).toContain("http-request set-header X-Forwarded-For %[src]");
      expect(section(config(), name)).toContain("http-request del-header X-Real-IP");
    }
  });

  it("sends previews to the first live process, the others standing by, checked on their app port", () => {
    const previews = section(config("0.0.0.0", 3), "backend previews");
    expect(previews).toMatch(/server p1 127\.0\.0\.1:3011 check .* port 3010\n/);
    expect(previews).toMatch(/server p2 127\.0\.0\.1:3013 check .* port 3012 backup\n {2}server p3 127\.0\.0\.1:3015 check .* port 3014 backup/);
  });

  it("gives a draining process time for HAProxy to see its checks fail", () => {
    const c = HEALTH_CHECK;
    // The last check may have passed just before; the next fails after `inter`, the rest at `fastinter`.
    expect(drainNoticeMs()).toBeGreaterThan(c.intervalMs + (c.fall - 1) * c.fastIntervalMs);
    expect(drainNoticeMs({ ...c, intervalMs: 5000 })).toBeGreaterThan(5000);
  });
});
