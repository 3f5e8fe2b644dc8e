/**
 * Pure rules for a check's run: how its command is wrapped so it cannot outlive its timeout, and
 * how much of its output is kept (shown on the page, stored with the session).
 */
export const CHECK_OUTPUT_CHARS = 4096;
/** What the Engine call waits beyond the check's own timeout before it gives up on the exec. */
const ENGINE_GRACE_SECONDS = 5;

/**
 * The check runs in a session (process group) of its own, and a watchdog kills the whole group at
 * the timeout: busybox `timeout` would kill only the shell, and a child left running (`sleep 60;
 * …`) would hold the exec's output open. Exit 137 (128 + SIGKILL) means it was killed.
 */
const WATCHDOG = `setsid sh -c "$1" &
c=$!
setsid sh -c 'sleep "$1"; kill -KILL -"$2"' sh "$2" "$c" </dev/null >/dev/null 2>&1 &
w=$!
wait "$c"; s=$?
kill -KILL -"$w" 2>/dev/null
exit $s`;

export function checkCommand(command: string, timeoutSeconds: number): { cmd: string[]; engineTimeoutMs: number } {
  return { cmd: ["sh", "-c", WATCHDOG, "sh", command, String(timeoutSeconds)], engineTimeoutMs: (timeoutSeconds + ENGINE_GRACE_SECONDS) * 1000 };
}

/** Killed by the watchdog (128 + SIGKILL), or the engine gave up (-1). */
export function timedOut(exitCode: number): boolean {
  return exitCode === 137 || exitCode === -1;
}

/** stdout then stderr, cut to CHECK_OUTPUT_CHARS with a note of how much was left out. */
export function checkOutput(stdout: string, stderr: string): string {
  const all = stderr ? (stdout && !stdout.endsWith("\n") ? `${stdout}\n${stderr}` : `${stdout}${stderr}`) : stdout;
  if (all.length <= CHECK_OUTPUT_CHARS) return all;
  const note = `\n… (${all.length - CHECK_OUTPUT_CHARS} more characters left out)`;
  return all.slice(0, CHECK_OUTPUT_CHARS - note.length) + note;
}
