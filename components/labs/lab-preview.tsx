"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { TabBar } from "@/components/ui/tab-bar";
import { useApiAction } from "@/components/use-api-action";
import type { PreviewLink } from "@/lib/preview/schema";

export interface PreviewPort {
  port: number;
  label: string;
}

/**
 * The pages a lab serves: a tab per port its template declares, shown in a sandboxed frame from
 * the preview origin, and "Open in a new tab". Every opening asks Mingle for a fresh single-use
 * link (lib/preview/open-preview.ts); nothing of Mingle's session reaches the frame.
 */
export function LabPreview({ labId, ports }: { labId: string; ports: PreviewPort[] }) {
  const [active, setActive] = useState<number | null>(null);
  const [shown, setShown] = useState<{ port: number; url: string; readOnly: boolean } | null>(null);
  const { run, busy, error } = useApiAction();
  if (ports.length === 0) return null;

  const link = (port: number) => run<PreviewLink>(`/api/v1/labs/${labId}/previews`, { method: "POST", body: { port } }, { refresh: false });

  async function show(port: number) {
    setActive(port);
    const r = await link(port);
    setShown(r.ok ? { port, url: r.data.url, readOnly: r.data.readOnly } : null);
  }

  async function openTab(port: number) {
    const r = await link(port);
    if (r.ok) window.open(r.data.url, "_blank", "noopener,noreferrer");
  }

  const current = ports.find((p) => p.port === (active ?? ports[0]!.port))!;
  return (
    <div data-testid="lab-preview">
      <Card className="space-y-3 p-4">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <TabBar
            label="Pages the lab serves"
            look="pills"
            selected={shown?.port}
            onSelect={(port) => void show(port)}
            disabled={busy}
            items={ports.map((p) => ({
              id: p.port,
              testId: `preview-tab-${p.port}`,
              content: (
                <>
                  {p.label} <span className="font-mono text-xs opacity-75">:{p.port}</span>
                </>
              ),
            }))}
          />
          <Button variant="secondary" onClick={() => void openTab(current.port)} disabled={busy} data-testid="preview-open-tab">
            Open in a new tab ↗
          </Button>
        </div>
        <FormError message={error?.message} />
        {shown ? (
          <>
            {shown.readOnly && <p className="text-xs text-amber-800">Read-only: you can look at the page, not send it forms or WebSockets.</p>}
            <iframe
              key={shown.url}
              title={`${current.label} (port ${shown.port})`}
              src={shown.url}
              data-testid="preview-frame"
              sandbox="allow-scripts allow-forms allow-same-origin allow-popups allow-downloads"
              referrerPolicy="no-referrer"
              className="h-[28rem] w-full rounded-lg border border-slate-200 bg-white"
            />
          </>
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">
            Choose a tab to see the page the lab serves on that port, from an origin of its own.
          </p>
        )}
      </Card>
    </div>
  );
}
