"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { SetupView } from "@/lib/organizer/schema";
import { useApiAction } from "@/components/use-api-action";

type Sync = { created: number; removed: number; kept: number; total: number; slotMinutes: number };

export function GenerateSlots({ slots }: { slots: SetupView["slots"] }) {
  const { run, error, busy } = useApiAction();
  const [done, setDone] = useState<Sync | null>(null);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" data-testid="slot-status">
        {slots.upToDate ? (
          <>
            <strong>{slots.stored}</strong> slots, up to date with the hours and slot length.
          </>
        ) : (
          <>
            <strong>{slots.stored}</strong> slots stored; the current hours and slot length make <strong>{slots.expected}</strong>. Generate to apply.
          </>
        )}
      </p>
      <FormError message={error?.message} />
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant={slots.upToDate ? "secondary" : "primary"}
          disabled={busy}
          onClick={async () => {
            const r = await run<Sync>("/api/v1/organizer/slots", { method: "POST" });
            setDone(r.ok ? r.data : null);
          }}
        >
          {busy ? "Generating…" : "Generate slots"}
        </Button>
        {done ? (
          <span role="status" className="text-sm text-green-700">
            {done.total} slots of {done.slotMinutes} min: {done.created} new, {done.kept} kept, {done.removed} removed.
          </span>
        ) : null}
      </div>
    </div>
  );
}
