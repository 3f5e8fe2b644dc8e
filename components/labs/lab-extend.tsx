"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/use-api-action";
import type { ExtendView } from "@/lib/labs/workspace-schema";
import { formatDuration } from "./format";

/**
 * The lab's end time and, for participants, "Extend" by the template's step while the template's
 * maximum allows. The new end reaches everyone through `lab:extended` (the lab page listens).
 */
export function LabExtend({ labId, expiresAt, participant, onExtended }: { labId: string; expiresAt: string; participant: boolean; onExtended: (expiresAt: string) => void }) {
  const [options, setOptions] = useState<ExtendView | null>(null);
  const { call, busy, error } = useApiAction();

  // Asked again whenever the end moves (an extension by either participant).
  useEffect(() => {
    void expiresAt;
    if (!participant) return;
    void apiFetch<ExtendView>(`/api/v1/labs/${labId}/extend`).then((r) => (r.ok ? setOptions(r.data) : undefined));
  }, [labId, expiresAt, participant]);

  async function extend() {
    const r = await call(() => apiFetch<ExtendView>(`/api/v1/labs/${labId}/extend`, { method: "POST" }));
    if (!r.ok) return;
    setOptions(r.data);
    onExtended(r.data.expiresAt);
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span data-testid="lab-ends-at" className="tabular-nums" title={new Date(expiresAt).toLocaleString()}>
        ends {new Date(expiresAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
      </span>
      {options && participant ? (
        <Button
          variant="secondary"
          className="px-2 py-0.5 text-xs"
          onClick={() => void extend()}
          disabled={busy || !options.canExtend}
          title={options.canExtend ? `Latest end: ${new Date(options.latestEnd).toLocaleTimeString()}` : options.reason}
          data-testid="extend-lab"
        >
          {busy ? "Extending…" : `+${formatDuration(options.stepSeconds)}`}
        </Button>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error.message}
        </span>
      ) : null}
    </span>
  );
}
