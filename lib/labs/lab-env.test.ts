import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

// The labs' settings in lib/env.ts: the warm pool is a configured set of templates and sizes.
describe("LAB_WARM_POOL", () => {
  it("reads template:count pairs; none keeps no warm labs; the default keeps two shells", () => {
    expect(parseEnv({ LAB_WARM_POOL: "shell:2, two-services:1" }).LAB_WARM_POOL).toEqual({ shell: 2, "two-services": 1 });
    expect(parseEnv({ LAB_WARM_POOL: "none" }).LAB_WARM_POOL).toEqual({});
    expect(parseEnv({}).LAB_WARM_POOL).toEqual({ shell: 2 });
  });

  it.each(["shell", "shell:two", "Shell:1", "shell:1,shell:2", "shell:100"])("refuses %j with a sentence naming the variable", (value) => {
    expect(() => parseEnv({ LAB_WARM_POOL: value })).toThrow(EnvError);
    expect(() => parseEnv({ LAB_WARM_POOL: value })).toThrow(/LAB_WARM_POOL: must be template:count pairs such as "shell:2,two-services:1"/);
  });
});

describe("lab capacity settings", () => {
  it("has defaults for a 2-core, 24 GiB machine and refuses nonsense", () => {
    expect(parseEnv({})).toMatchObject({ LAB_ENGINE_MAX_LABS: 30, LAB_ENGINE_MAX_MEMORY_MB: 12_288, LAB_ENGINE_MAX_CPUS: 16, LAB_MAX_RUNNING: 30 });
    expect(parseEnv({ LAB_ENGINE_MAX_CPUS: "1.5" }).LAB_ENGINE_MAX_CPUS).toBe(1.5);
    expect(() => parseEnv({ LAB_ENGINE_MAX_LABS: "0" })).toThrow(/LAB_ENGINE_MAX_LABS/);
  });
});
