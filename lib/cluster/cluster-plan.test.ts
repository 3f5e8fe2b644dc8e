import { describe, expect, it } from "vitest";
import { clusterPlan } from "./cluster-plan";

describe("clusterPlan", () => {
  it("puts HAProxy on the public ports and the processes on two internal ports each, from PORT + 10", () => {
    const plan = clusterPlan({ processes: 2, host: "0.0.0.0", port: 3000 });
    expect(plan).toEqual({
      host: "0.0.0.0",
      port: 3000,
      previewPort: 3001,
      publicUrl: "http://localhost:3000",
      previewOrigin: "http://localhost:3001",
      processes: [
        { name: "p1", port: 3010, previewPort: 3011 },
        { name: "p2", port: 3012, previewPort: 3013 },
      ],
    });
  });

  it("takes the public URL from PORT when PUBLIC_URL is left out, so pages on another port still get their sockets", () => {
    expect(clusterPlan({ processes: 2, host: "0.0.0.0", port: 3300 }).publicUrl).toBe("http://localhost:3300");
  });

  it("keeps a configured public URL, preview port, origin and internal range", () => {
    const plan = clusterPlan({
      processes: 1,
      host: "127.0.0.1",
      port: 80,
      publicUrl: "https://mingle.example.org/",
      previewPort: 8443,
      previewOrigin: "https://preview.example.org/",
      internalPort: 9000,
    });
    expect(plan.publicUrl).toBe("https://mingle.example.org");
    expect(plan.previewPort).toBe(8443);
    expect(plan.previewOrigin).toBe("https://preview.example.org");
    expect(plan.processes).toEqual([{ name: "p1", port: 9000, previewPort: 9001 }]);
  });

  it("refuses a process count out of range, internal ports that clash with the public ones, or past 65535", () => {
    expect(() => clusterPlan({ processes: 0, host: "h", port: 3000 })).toThrow(/from 1 to 16/);
    expect(() => clusterPlan({ processes: 17, host: "h", port: 3000 })).toThrow(/from 1 to 16/);
    expect(() => clusterPlan({ processes: 1.5, host: "h", port: 3000 })).toThrow(/whole number/);
    expect(() => clusterPlan({ processes: 2, host: "h", port: 3000, internalPort: 2999 })).toThrow(/port 3000 is both public and one of the internal ports 2999-3002/);
    expect(() => clusterPlan({ processes: 4, host: "h", port: 65530 })).toThrow(/past 65535/);
  });
});
