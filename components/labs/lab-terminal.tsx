"use client";

/**
 * The shared lab terminal (xterm.js over socket.io). Owned by the terminal work; the lab page
 * renders it with these props.
 */
export interface LabTerminalProps {
  labId: string;
  /** Participants can type; organizers watching get a read-only view (enforced on the server too). */
  canType: boolean;
}

export function LabTerminal({ labId, canType }: LabTerminalProps) {
  return (
    <div data-testid="lab-terminal" data-lab-id={labId} data-can-type={canType} className="h-96 rounded-xl bg-slate-900 p-4 font-mono text-sm text-slate-300">
      Terminal loading…
    </div>
  );
}
