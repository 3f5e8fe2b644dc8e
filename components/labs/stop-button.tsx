"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import type { LabView } from "@/lib/labs/schema";

/** Stops a lab (participants and organizers; the server checks). */
export function StopLabButton({ labId, onStopped, label = "Stop" }: { labId: string; onStopped?: (lab: LabView) => void; label?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function stop() {
    setBusy(true);
    setError(null);
    const r = await apiFetch<LabView>(`/api/v1/labs/${labId}/stop`, { method: "POST" });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onStopped?.(r.data);
    router.refresh();
  }

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button variant="danger" onClick={stop} disabled={busy} data-testid={`stop-lab-${labId}`}>
        {busy ? "Stopping…" : label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
