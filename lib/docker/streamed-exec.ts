import { type Duplex, PassThrough, type Readable } from "node:stream";
import type { StreamExec } from "@/lib/docker/engine";

/** How much of a streamed exec's stderr is kept for its result. */
const STDERR_KEPT = 16 * 1024;

/**
 * A started exec's hijacked connection as a StreamExec: stdout streamed, stderr kept (bounded),
 * `stdin` piped in and ended (which half-closes the connection: the process reads EOF, its output
 * goes on), and `done` once the stream ends, or at `timeoutMs`, when the stream is destroyed.
 */
export function streamedExec(
  stream: Duplex,
  opts: { demux: (stdout: PassThrough, stderr: PassThrough) => void; exitCode: () => Promise<number>; stdin?: Readable; timeoutMs?: number },
): StreamExec {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let errText = "";
  stderr.on("data", (c: Buffer) => {
    if (errText.length < STDERR_KEPT) errText += c.toString("utf8");
  });
  opts.demux(stdout, stderr);
  const input = opts.stdin;
  if (input) {
    input.on("error", (err) => stream.destroy(err));
    input.pipe(stream);
  }
  const ended = new Promise<boolean>((resolve) => {
    stream.on("end", () => resolve(true));
    stream.on("close", () => resolve(true));
    stream.on("error", () => resolve(true));
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = opts.timeoutMs ? new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), opts.timeoutMs))) : new Promise<boolean>(() => {});
  const done = Promise.race([ended, timedOut]).then(async (finished) => {
    clearTimeout(timer);
    if (!finished) stream.destroy();
    stdout.end();
    return { exitCode: finished ? await opts.exitCode() : -1, stderr: errText.slice(0, STDERR_KEPT) };
  });
  return { stdout, done };
}
