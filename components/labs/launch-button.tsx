"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import type { LabView } from "@/lib/labs/schema";

/** Launches a lab (202) and opens its page, which follows the launch live. */
export function LaunchButton({ template, title, disabled }: { template: string; title: string; disabled?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; labId?: string } | null>(null);

  async function launch() {
    setBusy(true);
    setError(null);
    const r = await apiFetch<LabView>("/api/v1/labs", { method: "POST", body: { template } });
    if (r.ok) {
      router.push(`/labs/${r.data.id}`);
      return;
    }
    setBusy(false);
    setError({ message: r.error.message, labId: r.error.fields?.labId });
  }

  return (
    <div className="space-y-2">
      <Button onClick={launch} disabled={disabled || busy} aria-label={`Launch ${title}`} data-testid={`launch-${template}`} className="w-full sm:w-auto">
        {busy ? "Launching…" : "Launch"}
      </Button>
      {error ? (
        <div role="alert" data-testid="launch-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error.message}
          {error.labId ? (
            <>
              {" "}
              <Link href={`/labs/${error.labId}`} className="font-semibold underline">
                Open the running lab
              </Link>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
