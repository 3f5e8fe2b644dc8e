"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, type ApiError } from "@/components/api-client";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FILE_ROOTS } from "@/lib/labs/lab-paths";
import type { DirectoryView, FileContentView } from "@/lib/labs/workspace-schema";
import { LabEditor } from "./lab-editor";
import { filesUrl, joinPath, type LabLocation, uploadFile } from "./upload-file";

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

/**
 * The lab's file browser: /home/lab and /lab, folders to open, files to edit (CodeMirror) or
 * download, a folder downloads as a tar. Participants upload and save; organizers read only.
 */
export function LabFiles({
  labId,
  at,
  onNavigate,
  refreshKey,
  onUpload,
}: {
  labId: string;
  at: LabLocation;
  onNavigate: (at: LabLocation) => void;
  refreshKey: number;
  onUpload: (files: File[]) => void;
}) {
  const [dir, setDir] = useState<DirectoryView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<FileContentView | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const r = await apiFetch<DirectoryView>(filesUrl(labId, "", at));
    if (r.ok) {
      setDir(r.data);
      setError(null);
    } else setError(r.error);
  }, [labId, at]);

  useEffect(() => {
    void refreshKey;
    void load();
  }, [load, refreshKey]);

  async function openFile(name: string) {
    const r = await apiFetch<FileContentView>(filesUrl(labId, "/content", { root: at.root, path: joinPath(dir?.path ?? at.path, name) }));
    if (r.ok) setOpen(r.data);
    else setError(r.error);
  }

  const segments = (dir?.path ?? at.path).split("/").filter(Boolean);
  return (
    <Card className="min-w-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold text-slate-800">Files</h2>
        <div className="flex gap-1" role="tablist" aria-label="Folder">
          {FILE_ROOTS.map((root) => (
            <button
              key={root}
              type="button"
              role="tab"
              aria-selected={at.root === root}
              onClick={() => onNavigate({ root, path: "" })}
              className={`rounded-md px-2 py-1 font-mono text-xs ${at.root === root ? "bg-moby-100 text-moby-800" : "text-slate-600 hover:bg-slate-100"}`}
            >
              {root}
            </button>
          ))}
        </div>
      </div>
      <nav aria-label="Path" className="mt-2 flex flex-wrap items-center gap-1 font-mono text-xs text-slate-600" data-testid="files-path">
        <button type="button" className="hover:text-moby-700" onClick={() => onNavigate({ root: at.root, path: "" })}>
          {at.root}
        </button>
        {segments.map((s, i) => (
          <span key={segments.slice(0, i + 1).join("/")} className="flex items-center gap-1">
            /
            <button type="button" className="hover:text-moby-700" onClick={() => onNavigate({ root: at.root, path: segments.slice(0, i + 1).join("/") })}>
              {s}
            </button>
          </span>
        ))}
      </nav>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <ul className="mt-2 max-h-64 divide-y divide-slate-100 overflow-auto text-sm" data-testid="files-list">
        {segments.length ? (
          <li>
            <button
              type="button"
              className="w-full px-1 py-1.5 text-left text-slate-600 hover:bg-slate-50"
              onClick={() => onNavigate({ root: at.root, path: segments.slice(0, -1).join("/") })}
            >
              ↰ ..
            </button>
          </li>
        ) : null}
        {dir?.entries.map((e) => (
          <li key={e.name} className="flex items-center gap-2 px-1 py-1.5" data-testid="file-entry" data-name={e.name}>
            <EntryIcon type={e.type} />
            <button
              type="button"
              className="min-w-0 flex-1 truncate text-left font-mono text-slate-800 hover:text-moby-700"
              onClick={() => (e.type === "file" ? void openFile(e.name) : onNavigate({ root: at.root, path: joinPath(dir.path, e.name) }))}
              title={e.type === "file" ? `Open ${e.name}` : `Open folder ${e.name}`}
            >
              {e.name}
            </button>
            <span className="shrink-0 tabular-nums text-xs text-slate-500">{e.type === "file" ? size(e.size) : ""}</span>
            <a
              className="shrink-0 text-xs font-semibold text-moby-700 hover:underline"
              href={filesUrl(labId, "/download", { root: at.root, path: joinPath(dir.path, e.name) })}
              download
              aria-label={`Download ${e.name}${e.type === "dir" ? " as a tar" : ""}`}
            >
              ⤓
            </a>
          </li>
        ))}
        {dir && dir.entries.length === 0 ? <li className="px-1 py-2 text-slate-500">This folder is empty.</li> : null}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-xs text-slate-500">
        {dir?.writable ? (
          <>
            <input
              ref={picker}
              type="file"
              multiple
              className="sr-only"
              data-testid="file-picker"
              onChange={(e) => {
                onUpload([...(e.target.files ?? [])]);
                e.target.value = "";
              }}
            />
            <Button variant="secondary" className="px-3 py-1 text-xs" onClick={() => picker.current?.click()}>
              Upload…
            </Button>
            <span>or drop files onto the lab</span>
          </>
        ) : null}
        <a className={buttonClass("ghost", "px-3 py-1 text-xs")} href={filesUrl(labId, "/download", { root: at.root, path: dir?.path ?? at.path })} download>
          Download folder (.tar)
        </a>
        {dir ? <span className="ml-auto tabular-nums">{size(dir.freeBytes)} free</span> : null}
      </div>
      {open ? <OpenFile labId={labId} file={open} onClose={() => setOpen(null)} onSaved={() => void load()} /> : null}
    </Card>
  );
}

/** Drawn, not emoji: the lab machines' browsers may have no emoji font. */
function EntryIcon({ type }: { type: DirectoryView["entries"][number]["type"] }) {
  const common = { width: 16, height: 16, viewBox: "0 0 16 16", className: "shrink-0 text-slate-500" } as const;
  if (type === "dir")
    return (
      <svg aria-hidden="true" {...common} fill="currentColor">
        <path d="M1.5 3.5A1 1 0 0 1 2.5 2.5h3.6l1.5 1.5h5.9a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z" className="text-moby-400" fill="currentColor" />
      </svg>
    );
  if (type === "symlink")
    return (
      <svg aria-hidden="true" {...common} fill="none" stroke="currentColor" strokeWidth="1.5">
        <path d="M3 4v5a2 2 0 0 0 2 2h7m-3-3 3 3-3 3" />
      </svg>
    );
  return (
    <svg aria-hidden="true" {...common} fill="none" stroke="currentColor" strokeWidth="1.3">
      <path d="M4 1.5h5l3 3v10H4z M9 1.5v3h3" />
    </svg>
  );
}

/** The open file in the editor, with Save (participants) and Close. */
function OpenFile({ labId, file, onClose, onSaved }: { labId: string; file: FileContentView; onClose: () => void; onSaved: () => void }) {
  const text = useRef(file.content);
  const [state, setState] = useState<{ saving: boolean; message: string | null; error: string | null }>({ saving: false, message: null, error: null });

  const save = useCallback(async () => {
    if (!file.writable) return;
    setState({ saving: true, message: null, error: null });
    const r = await uploadFile(labId, { root: file.root, path: file.path }, new Blob([text.current]), () => {});
    setState({ saving: false, message: r.ok ? `Saved ${new Date().toLocaleTimeString()}` : null, error: r.ok ? null : r.error.message });
    if (r.ok) onSaved();
  }, [labId, file, onSaved]);

  return (
    <div className="mt-4 space-y-2" data-testid="open-file">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 truncate font-mono text-xs text-slate-700">
          {file.root}/{file.path}
          {file.writable ? "" : " (read-only)"}
        </p>
        <div className="flex items-center gap-2">
          {state.message ? <span className="text-xs text-green-700">{state.message}</span> : null}
          {file.writable ? (
            <Button className="px-3 py-1 text-xs" onClick={() => void save()} disabled={state.saving} data-testid="save-file">
              {state.saving ? "Saving…" : "Save"}
            </Button>
          ) : null}
          <Button variant="ghost" className="px-3 py-1 text-xs" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <LabEditor initial={file.content} readOnly={!file.writable} label={`Editing ${file.path}`} onChange={(t) => (text.current = t)} onSave={() => void save()} />
    </div>
  );
}
