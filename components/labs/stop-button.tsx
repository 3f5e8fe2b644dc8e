"use client";

import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/use-api-action";
import type { LabView } from "@/lib/labs/schema";

/** Stops a lab (participants and organizers; the server checks). */
export function StopLabButton({ labId, onStopped, label = "Stop" }: { labId: string; onStopped?: (lab: LabView) => void; label?: string }) {
  const { run, busy, error } = useApiAction();

  async function stop() {
    const r = await run<LabView>(`/api/v1/labs/${labId}/stop`, { method: "POST" });
    if (r.ok) onStopped?.(r.data);
  }

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button variant="danger" onClick={stop} disabled={busy} data-testid={`stop-lab-${labId}`}>
        {busy ? "Stopping…" : label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error.message}
        </span>
      ) : null}
    </span>
  );
}
