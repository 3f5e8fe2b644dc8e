import { createLabServices } from "@/lib/labs/lab-services";
import { TerminalHubs } from "@/lib/labs/terminal-hubs";
import { loadTemplates } from "@/lib/labs/templates";
import { parseCast } from "@/lib/recordings/asciicast";
import { TerminalRecorder } from "@/lib/recordings/terminal-recorder";
import { ensureTestEngine } from "@/lib/testing/docker";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";
import { machine, numberArg, percentile, writeBenchResult } from "./results";

const SECONDS = numberArg("seconds", 60);
const RESULTS = "bench/results/workspace-recording.json";
const KEY_MS = 160;
const AFTER_COMMAND_MS = 1_200;
/** RECORDING_MAX_BYTES's default (lib/env.ts). */
const DEFAULT_CAP_BYTES = 8 * 1024 * 1024;

/** What a person does in a lab in a minute: look around, run things, read output. */
const COMMANDS = [
  "ls -la /",
  "cat /lab/motd",
  "ps",
  "uname -a",
  "df -h",
  "echo hello from mingle > /tmp/note.txt && cat /tmp/note.txt",
  "ls -la /bin | head -20",
  "for i in 1 2 3; do date; sleep 1; done",
  "top -b -n 1 | head -15",
  "cat /proc/meminfo | head -8",
  "id; hostname; pwd",
  "wc -l /etc/passwd; cat /etc/passwd",
  "mkdir -p /tmp/work && cd /tmp/work && touch a b c && ls -l",
  "history | tail -5",
  "env | sort",
  "clear",
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(input: boolean) {
  const engine = await ensureTestEngine();
  const { templates } = loadTemplates("labs/templates");
  const labs = createLabServices({ repo: inMemoryLabRepo(), engine: () => engine, templates: () => templates }).labs;
  const launched = await labs.launch({ ownerId: "bench", templateName: "shell" });
  if (!launched.ok) throw new Error(launched.message);
  const labId = launched.value.id;
  const chunks: Buffer[] = [];
  const tapNs: number[] = [];
  const recorder = new TerminalRecorder({
    start: async () => ({
      record: true,
      input,
      maxBytes: 256 * 1024 * 1024,
      recording: { id: "bench", labId, sessionId: "bench", startedAt: new Date(), endedAt: null, bytes: 0, input, truncated: false, droppedBytes: 0, chunks: 0 },
    }),
    append: async (_id, _seq, data) => {
      chunks.push(data);
    },
    end: async () => {},
  });
  // The tap as the hub calls it, timed: what recording adds to the terminal's own path.
  const timed = {
    output: (d: Buffer) => time(() => recorder.output(d)),
    input: (d: Buffer) => time(() => recorder.input(d)),
    resize: (s: { cols: number; rows: number }) => time(() => recorder.resize(s)),
  };
  function time(fn: () => void) {
    const t = process.hrtime.bigint();
    fn();
    tapNs.push(Number(process.hrtime.bigint() - t));
  }
  const hubs = new TerminalHubs({ openShell: (id, size, o) => labs.attachShell(id, size, o), tap: () => timed });
  let shown = 0;
  const hub = hubs.hub(labId);
  const viewer = {
    id: "typist",
    canType: true,
    output: (d: Buffer) => {
      shown += d.length;
      setImmediate(() => hub.ack("typist", d.length));
    },
    ended: () => {},
  };
  const attached = await hub.attach(viewer, { cols: 120, rows: 32 });
  if (!attached.ok) throw new Error(attached.message);
  const began = Date.now();
  let keys = 0;
  for (let i = 0; Date.now() - began < SECONDS * 1000; i++) {
    const line = `${COMMANDS[i % COMMANDS.length]!}\r`;
    for (const ch of line) {
      if (Date.now() - began >= SECONDS * 1000) break;
      hub.write("typist", ch);
      keys++;
      await sleep(KEY_MS);
    }
    await sleep(AFTER_COMMAND_MS);
  }
  const elapsedMin = (Date.now() - began) / 60_000;
  await recorder.close();
  hubs.destroyAll();
  await labs.stop(labId);
  const file = Buffer.concat(chunks);
  const cast = parseCast(file.toString());
  return {
    bytesPerMinute: Math.round(file.length / elapsedMin),
    terminalBytesPerMinute: Math.round(shown / elapsedMin),
    eventsPerMinute: Math.round(cast.events.length / elapsedMin),
    keystrokesPerMinute: Math.round(keys / elapsedMin),
    chunksPerMinute: Math.round(chunks.length / elapsedMin),
    /** What one tap call (encode and queue) adds to the terminal's path, in microseconds. */
    tapMicroseconds: { p50: Math.round(percentile(tapNs, 50) / 10) / 100, p99: Math.round(percentile(tapNs, 99) / 10) / 100 },
    dropped: recorder.droppedBytes,
  };
}

const outputOnly = await run(false);
const withInput = await run(true);
const result = {
  recordingBytesPerMinute: outputOnly.bytesPerMinute,
  recordingBytesPerMinuteWithInput: withInput.bytesPerMinute,
  /** Minutes of such a shell that fit under the default cap (RECORDING_MAX_BYTES). */
  minutesUnderDefaultCap: Math.round(DEFAULT_CAP_BYTES / outputOnly.bytesPerMinute),
  outputOnly,
  withInput,
  seconds: SECONDS,
  machine: machine(),
  at: new Date().toISOString(),
};
writeBenchResult(RESULTS, result);
process.exit(0);
