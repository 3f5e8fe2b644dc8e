"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/use-api-action";
import type { LabView } from "@/lib/labs/schema";

/**
 * Launches a lab (202) and opens its page, which follows the launch live. A refusal shows its
 * sentence (e.g. "All lab machines are busy — try again in a minute." when at capacity).
 */
export function LaunchButton({ template, title, disabled, label = "Launch" }: { template: string; title: string; disabled?: boolean; label?: string }) {
  const router = useRouter();
  const { call, busy, error } = useApiAction();

  async function launch() {
    const r = await call(() => apiFetch<LabView>("/api/v1/labs", { method: "POST", body: { template } }), { leaving: true });
    if (r.ok) router.push(`/labs/${r.data.id}`);
  }
  const runningLabId = error?.fields?.labId;

  return (
    <div className="space-y-2">
      <Button
        onClick={launch}
        disabled={disabled || busy}
        aria-label={`${label} ${title}`}
        data-testid={label === "Launch" ? `launch-${template}` : `${label.toLowerCase()}-${template}`}
        className="w-full sm:w-auto"
      >
        {busy ? "Launching…" : label}
      </Button>
      {error ? (
        <div role="alert" data-testid="launch-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error.message}
          {runningLabId ? (
            <>
              {" "}
              <Link href={`/labs/${runningLabId}`} className="font-semibold underline">
                Open the running lab
              </Link>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
