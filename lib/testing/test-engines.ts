import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { registerEngine } from "@/lib/docker/engines";
import { tlsOptionsFor } from "@/lib/hosts/pki/tls-options";
import { remember } from "@/lib/singleton";

export interface TestEngine {
  /** Also the engine id it is registered under (getEngine(name)). */
  name: string;
  url: string;
  runtimes: string[];
}

/**
 * For integration tests: the three TLS engines of the test bed (scripts/test-engines.sh starts
 * them when they are not running; scripts/test.sh starts them before the suite), each registered
 * under its name with Mingle's client identity. bed-4 has no runsc.
 */
export function ensureTestEngines(): Promise<TestEngine[]> {
  return remember("testing.engines", async () => {
    let out: string;
    try {
      ({ stdout: out } = await promisify(execFile)("bash", [path.resolve("scripts/test-engines.sh"), "start"], { encoding: "utf8", timeout: 300_000 }));
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`No test engines: ${e.stderr?.trim() || e.message}`);
    }
    const engines = [...out.matchAll(/^(bed-\d) (tcp:\/\/\S+) (\S+)$/gm)].map((m) => ({ name: m[1]!, url: m[2]!, runtimes: m[3]!.split(",") }));
    if (engines.length !== 3) throw new Error(`scripts/test-engines.sh printed ${engines.length} engines:\n${out}`);
    for (const engine of engines) registerEngine(engine.name, await tlsOptionsFor(engine.url));
    return engines;
  });
}
