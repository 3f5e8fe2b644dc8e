"use client";

import { type ReactNode, useCallback, useState } from "react";
import { LabChecks } from "./lab-checks";
import { LabFiles } from "./lab-files";
import { joinPath, type LabLocation, uploadFile } from "./upload-file";

interface Upload {
  id: number;
  name: string;
  sent: number;
  total: number;
  error?: string;
  done?: boolean;
}

let nextUpload = 0;

/**
 * The lab's workspace around its terminal: files dropped anywhere on it upload into the folder the
 * file browser shows (/home/lab at first, the shell's home), one after another, each with its
 * progress; the browser and the checks sit below.
 */
export function LabWorkspace({ labId, canWrite, children }: { labId: string; canWrite: boolean; children: ReactNode }) {
  const [at, setAt] = useState<LabLocation>({ root: "/home/lab", path: "" });
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [refreshKey, setRefreshKey] = useState(0);
  const [over, setOver] = useState(false);

  const upload = useCallback(
    async (files: File[]) => {
      const batch = files.map((f) => ({ id: ++nextUpload, name: f.name, sent: 0, total: f.size }));
      setUploads((u) => [...u.filter((x) => !x.done), ...batch]);
      const patch = (id: number, p: Partial<Upload>) => setUploads((u) => u.map((x) => (x.id === id ? { ...x, ...p } : x)));
      for (const [i, file] of files.entries()) {
        const id = batch[i]!.id;
        const r = await uploadFile(labId, { root: at.root, path: joinPath(at.path, file.name) }, file, (sent, total) => patch(id, { sent, total }));
        patch(id, r.ok ? { done: true, sent: file.size } : { error: r.error.message });
        setRefreshKey((k) => k + 1);
      }
    },
    [labId, at],
  );

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!canWrite) return;
    const files = [...e.dataTransfer.files];
    if (files.length) void upload(files);
  };

  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for files dragged from the desktop; the Upload… button is the keyboard way. */}
      <div
        className="relative"
        data-testid="lab-drop-zone"
        onDragOver={(e) => {
          if (!canWrite || !e.dataTransfer.types.includes("Files")) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={onDrop}
      >
        {children}
        {over ? (
          <div className="pointer-events-none absolute inset-0 grid place-items-center rounded-2xl border-4 border-dashed border-moby-400 bg-moby-50/80 text-center">
            <p className="font-semibold text-moby-800">
              Drop to upload into <span className="font-mono">{at.path ? `${at.root}/${at.path}` : at.root}</span>
            </p>
          </div>
        ) : null}
      </div>
      {uploads.length ? (
        <ul className="space-y-2" aria-label="Uploads" data-testid="uploads">
          {uploads.map((u) => (
            <li
              key={u.id}
              className="rounded-lg bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-slate-200"
              data-testid="upload"
              data-state={u.error ? "failed" : u.done ? "done" : "sending"}
            >
              <div className="flex items-center justify-between gap-2">
                <span className="min-w-0 truncate font-mono">{u.name}</span>
                <span className="shrink-0 text-xs tabular-nums text-slate-500">
                  {u.error ? "failed" : u.done ? "uploaded" : `${u.total ? Math.round((100 * u.sent) / u.total) : 0}%`}
                </span>
              </div>
              {!u.done && !u.error ? (
                <div
                  className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={u.total ? Math.round((100 * u.sent) / u.total) : 0}
                  aria-label={`Uploading ${u.name}`}
                >
                  <div className="h-full rounded-full bg-moby-500" style={{ width: `${u.total ? (100 * u.sent) / u.total : 0}%` }} />
                </div>
              ) : null}
              {u.error ? (
                <p role="alert" className="mt-1 text-sm text-red-700">
                  {u.error}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <LabFiles labId={labId} at={at} onNavigate={setAt} refreshKey={refreshKey} onUpload={(files) => void upload(files)} />
        <LabChecks labId={labId} />
      </div>
    </div>
  );
}
