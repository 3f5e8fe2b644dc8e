"use client";

import "asciinema-player/dist/bundle/asciinema-player.css";
import { useEffect, useRef, useState } from "react";
import { formatBytes } from "@/lib/recordings/format-bytes";
import type { RecordingView } from "@/lib/recordings/schema";

/** One lab's terminal recording, replayed with asciinema-player (loaded only on this page), and its .cast to download. */
export function RecordingPlayer({ recording, title }: { recording: RecordingView; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import("asciinema-player")
      .then((player) => {
        if (disposed || !box.current) return;
        const p = player.create({ url: recording.castUrl, fetchOpts: { credentials: "same-origin" } }, box.current, {
          fit: "width",
          idleTimeLimit: 2,
          terminalFontSize: "small",
          controls: true,
        });
        dispose = () => p.dispose();
      })
      .catch((err: unknown) => setFailed(String(err)));
    return () => {
      disposed = true;
      dispose();
    };
  }, [recording.castUrl]);

  return (
    <figure className="space-y-2" data-testid="recording" data-recording-id={recording.id}>
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-semibold text-ink">{title}</span>
        <span className="text-slate-600">
          {formatBytes(recording.bytes)}
          {recording.input ? " · with keystrokes" : ""}
          {recording.truncated ? " · stopped at its size limit" : ""}
        </span>
      </figcaption>
      <div ref={box} data-testid="recording-player" className="min-h-24 overflow-hidden rounded-lg bg-slate-900" />
      {failed ? <p className="text-sm text-red-700">The player could not start; download the file and play it with asciinema.</p> : null}
      <a className="inline-block text-sm font-semibold text-moby-700 underline" href={recording.castUrl} download>
        Download recording (.cast)
      </a>
    </figure>
  );
}
