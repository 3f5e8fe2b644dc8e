"use client";

import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "react";
import { getSocket } from "@/components/realtime/socket-client";
import { TERMINAL_LIMITS, type AttachAck, type LabOutputPayload, type LabTerminalEndedPayload } from "@/lib/labs/terminal-events";

/**
 * The shared lab terminal (xterm.js over socket.io). The lab page renders it with these props.
 */
export interface LabTerminalProps {
  labId: string;
  /** Participants can type; organizers watching get a read-only view (enforced on the server too). */
  canType: boolean;
}

type Status = "connecting" | "connected" | "reconnecting" | "ended";

const STATUS_TEXT: Record<Status, string> = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  ended: "Terminal closed",
};

/** Rendered bytes are acknowledged in batches (or after a short pause) so the server can send more. */
const ACK_BATCH_BYTES = 32 * 1024;
const ACK_DELAY_MS = 20;
const MIRROR_DELAY_MS = 100;
const MIRROR_LINES = 200;
const NOT_READY_RETRY_MS = 1000;

/** Splits a paste into pieces the server accepts, never inside a surrogate pair. */
export function chunkInput(data: string, size: number = TERMINAL_LIMITS.inputChars): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < data.length) {
    let end = Math.min(i + size, data.length);
    if (end < data.length && /[\uD800-\uDBFF]/.test(data[end - 1]!)) end--;
    out.push(data.slice(i, end));
    i = end;
  }
  return out;
}

function bytesOf(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export function LabTerminal({ labId, canType }: LabTerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const mirrorRef = useRef<HTMLPreElement>(null);
  const [status, setStatus] = useState<Status>("connecting");
  const [readOnly, setReadOnly] = useState(!canType);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let cleanup = () => {};

    void (async () => {
      // xterm touches the DOM when imported: load it in the browser only.
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed) return;
      const term = new Terminal({
        cursorBlink: canType,
        disableStdin: !canType,
        convertEol: false,
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
        fontSize: 14,
        scrollback: 5000,
        theme: { background: "#0f172a", foreground: "#e2e8f0" },
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(host);
      try {
        fit.fit();
      } catch {
        // not laid out yet; the ResizeObserver fits it once it is.
      }

      const socket = getSocket();
      let attached = false;
      let typing = canType;
      let ended = false;
      let unacked = 0;
      let ackTimer: ReturnType<typeof setTimeout> | null = null;
      let mirrorTimer: ReturnType<typeof setTimeout> | null = null;
      let retryTimer: ReturnType<typeof setTimeout> | null = null;
      let resizeTimer: ReturnType<typeof setTimeout> | null = null;

      const sendAck = () => {
        if (ackTimer) clearTimeout(ackTimer);
        ackTimer = null;
        if (unacked > 0 && attached) socket.emit("lab:ack", { labId, bytes: unacked });
        unacked = 0;
      };
      const rendered = (n: number) => {
        unacked += n;
        if (unacked >= ACK_BATCH_BYTES) sendAck();
        else ackTimer ??= setTimeout(sendAck, ACK_DELAY_MS);
        mirrorTimer ??= setTimeout(updateMirror, MIRROR_DELAY_MS);
      };
      // A cheap text copy of the screen and recent scroll-back, for tests and screen readers' find.
      const updateMirror = () => {
        mirrorTimer = null;
        const mirror = mirrorRef.current;
        if (!mirror) return;
        const buf = term.buffer.active;
        const end = buf.baseY + term.rows;
        const lines: string[] = [];
        for (let y = Math.max(0, end - MIRROR_LINES); y < end; y++) {
          const line = buf.getLine(y);
          if (line) lines.push(line.translateToString(true));
        }
        mirror.textContent = lines.join("\n").trimEnd();
      };

      const attach = () => {
        if (disposed || ended) return;
        socket.emit("lab:attach", { labId, cols: term.cols, rows: term.rows }, (res: AttachAck) => {
          if (disposed) return;
          if (!res.ok) {
            if (res.error.code === "LAB_NOT_READY") {
              setMessage("The lab is starting…");
              retryTimer = setTimeout(attach, NOT_READY_RETRY_MS);
              return;
            }
            setMessage(res.error.message);
            setStatus("ended");
            ended = true;
            return;
          }
          attached = true;
          typing = canType && res.canType;
          setReadOnly(!typing);
          term.options.disableStdin = !typing;
          setMessage(null);
          setStatus("connected");
          term.reset();
          const replay = bytesOf(res.replay);
          if (replay.length) term.write(replay, updateMirror);
          else updateMirror();
        });
      };

      const onOutput = (p: LabOutputPayload) => {
        if (p.labId !== labId || !attached) return;
        const data = bytesOf(p.data);
        // A reset comes with the server's "output skipped" marker and the live tail.
        if (p.reset) term.reset();
        term.write(data, () => rendered(data.byteLength));
      };
      const onEnded = (p: LabTerminalEndedPayload) => {
        if (p.labId !== labId) return;
        attached = false;
        ended = true;
        setStatus("ended");
        setMessage(`The terminal closed: ${p.reason}.`);
        // Said in the terminal too, where the person is looking; it takes no more input.
        term.options.disableStdin = true;
        term.write(`\r\n\x1b[7m[the terminal ended: ${p.reason}]\x1b[0m\r\n`, updateMirror);
      };
      const onConnect = () => {
        attached = false;
        attach();
      };
      const onDisconnect = () => {
        attached = false;
        if (!ended) setStatus("reconnecting");
      };

      socket.on("lab:output", onOutput);
      socket.on("lab:terminal-ended", onEnded);
      socket.on("connect", onConnect);
      socket.on("disconnect", onDisconnect);
      if (socket.connected) attach();
      else setStatus(socket.active ? "connecting" : "reconnecting");

      const input = term.onData((data) => {
        if (!typing || !attached) return;
        for (const piece of chunkInput(data)) socket.emit("lab:input", { labId, data: piece });
      });
      const resized = term.onResize(({ cols, rows }) => {
        if (resizeTimer) clearTimeout(resizeTimer);
        resizeTimer = setTimeout(() => {
          if (attached && typing) socket.emit("lab:resize", { labId, cols, rows });
        }, 100);
      });
      const observer = new ResizeObserver(() => {
        try {
          fit.fit();
        } catch {
          // hidden: nothing to fit
        }
      });
      observer.observe(host);
      if (canType) term.focus();

      cleanup = () => {
        observer.disconnect();
        input.dispose();
        resized.dispose();
        for (const t of [ackTimer, mirrorTimer, retryTimer, resizeTimer]) if (t) clearTimeout(t);
        socket.off("lab:output", onOutput);
        socket.off("lab:terminal-ended", onEnded);
        socket.off("connect", onConnect);
        socket.off("disconnect", onDisconnect);
        if (attached) socket.emit("lab:detach", { labId });
        term.dispose();
      };
    })();

    return () => {
      disposed = true;
      cleanup();
    };
  }, [labId, canType]);

  const dot = status === "connected" ? "bg-emerald-400" : status === "ended" ? "bg-slate-500" : "bg-amber-400 animate-pulse";
  return (
    <div data-testid="lab-terminal" data-lab-id={labId} data-can-type={!readOnly} data-status={status} className="overflow-hidden rounded-xl bg-slate-900 ring-1 ring-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-800 px-3 py-1.5 text-xs text-slate-300">
        <span className="flex items-center gap-2" role="status" aria-live="polite" data-testid="terminal-status">
          <span className={`inline-block h-2 w-2 rounded-full ${dot}`} aria-hidden />
          {STATUS_TEXT[status]}
          {message ? <span className="text-slate-400">· {message}</span> : null}
        </span>
        {readOnly ? (
          <span data-testid="terminal-read-only" className="rounded bg-slate-700 px-2 py-0.5 font-medium text-slate-100">
            Watching read-only
          </span>
        ) : null}
      </div>
      <div ref={hostRef} className="h-[60vh] min-h-64 w-full px-2 py-1 sm:h-96" />
      <pre ref={mirrorRef} data-testid="terminal-text" className="sr-only" aria-hidden />
    </div>
  );
}
