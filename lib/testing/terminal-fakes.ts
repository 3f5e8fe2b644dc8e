import { Duplex } from "node:stream";
import { vi } from "vitest";
import type { TtyExec } from "@/lib/docker/engine";
import { fail, ok } from "@/lib/errors";
import { TerminalHub } from "@/lib/labs/terminal-hub";
import type { TermSize, TerminalHubOptions, TerminalViewer } from "@/lib/labs/terminal-options";

/** Plain fakes for the shared terminal's unit tests: a TTY exec, viewers, and a hub wired to them. */
export class FakeExec implements TtyExec {
  readonly written: Buffer[] = [];
  readonly resizes: TermSize[] = [];
  /** When set, writes report back-pressure until drained by hand. */
  slowWrites = false;
  private pendingCb: (() => void)[] = [];
  readonly stream: Duplex;

  constructor() {
    this.stream = new Duplex({
      read() {},
      write: (chunk: Buffer, _enc, cb) => {
        this.written.push(chunk);
        if (this.slowWrites) this.pendingCb.push(cb);
        else cb();
      },
      highWaterMark: 16,
    });
  }

  output(text: string | Buffer): void {
    this.stream.push(typeof text === "string" ? Buffer.from(text) : text);
  }

  drainWrites(): void {
    for (const cb of this.pendingCb.splice(0)) cb();
  }

  exit(): void {
    this.stream.push(null);
    this.stream.destroy();
  }

  async resize(size: TermSize): Promise<void> {
    this.resizes.push(size);
  }

  async exitCode(): Promise<number> {
    return 0;
  }

  get input(): string {
    return Buffer.concat(this.written).toString();
  }
}

export class FakeViewer implements TerminalViewer {
  readonly chunks: Buffer[] = [];
  resets = 0;
  endedWith: string | null = null;
  constructor(
    readonly id: string,
    readonly canType: boolean,
  ) {}
  output(data: Buffer, opts?: { reset?: boolean }): void {
    if (opts?.reset) {
      this.resets++;
      this.chunks.length = 0;
    }
    this.chunks.push(data);
  }
  ended(reason: string): void {
    this.endedWith = reason;
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString();
  }
  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }
}

/** A viewer whose transport never drains: everything sent to it stays queued on the server. */
export class StuckViewer extends FakeViewer {
  queued = 0;
  override output(data: Buffer, opts?: { reset?: boolean }): void {
    this.queued += data.length;
    super.output(data, opts);
  }
  queuedBytes(): number {
    return this.queued;
  }
}

export const tick = () => new Promise((r) => setImmediate(r));
export const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

export function setupHub(options: Partial<TerminalHubOptions> = {}) {
  const execs: FakeExec[] = [];
  const opened: TermSize[] = [];
  let refuse: string | null = null;
  const openShell = vi.fn(async (_labId: string, size: TermSize) => {
    if (refuse) return fail("LAB_NOT_READY", refuse);
    opened.push(size);
    const e = new FakeExec();
    execs.push(e);
    return ok(e as TtyExec);
  });
  const hub = new TerminalHub("lab1", { openShell, options: { respawnDelayMs: 1, ...options } });
  return { hub, execs, opened, openShell, refuse: (why: string | null) => (refuse = why) };
}
