import type { TermSize, TerminalTap } from "@/lib/labs/terminal-options";

/** A tap whose failures stay its own: each call that throws is logged, and the terminal goes on. */
export function safeTap(tap: TerminalTap, log: (error: unknown) => void): TerminalTap {
  const guard =
    <A>(fn: (a: A) => void) =>
    (a: A) => {
      try {
        fn(a);
      } catch (error) {
        log(error);
      }
    };
  return {
    output: guard((data: Buffer) => tap.output(data)),
    input: guard((data: Buffer) => tap.input(data)),
    resize: guard((size: TermSize) => tap.resize(size)),
  };
}
