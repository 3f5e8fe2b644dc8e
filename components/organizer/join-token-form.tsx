"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import type { JoinTokenView } from "@/lib/hosts/join-schema";

/**
 * Makes a one-time join token for a new backing host and shows the command to run on it. The token
 * is shown this once (Mingle keeps only its hash); it pins Mingle's CA, so the machine can check it
 * talks to this Mingle before it trusts anything.
 */
export function JoinTokenForm() {
  const { call, busy, error } = useApiAction();
  const [hostName, setHostName] = useState("");
  const [made, setMade] = useState<JoinTokenView | null>(null);
  const [copied, setCopied] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setCopied(false);
    const body = hostName.trim() ? { hostName: hostName.trim() } : {};
    const r = await call(() => apiFetch<JoinTokenView>("/api/v1/organizer/hosts/join-tokens", { method: "POST", body }));
    if (r.ok) setMade(r.data);
  };
  return (
    <div className="space-y-3">
      <form onSubmit={(e) => void submit(e)} className="grid gap-3 sm:grid-cols-[2fr_auto] sm:items-end" aria-label="Create a join token">
        <Field label="Host name (optional)" htmlFor="join-host-name" error={error?.fields?.hostName} hint="Ties the token to this name.">
          <TextInput id="join-host-name" value={hostName} onChange={(e) => setHostName(e.target.value)} placeholder="lab-host-2" />
        </Field>
        <Button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create a join token"}
        </Button>
      </form>
      <FormError message={error && !error.fields ? error.message : null} />
      {made ? (
        <div data-testid="join-token" className="space-y-2 rounded-lg bg-moby-50 p-3 ring-1 ring-moby-200">
          <p className="text-sm text-slate-700">
            On the new machine, as root, run this before <span className="font-medium">{new Date(made.expiresAt).toLocaleString("en-GB")}</span> (put the address Mingle reaches it
            at for ADDRESS). The token works once and is not shown again.
          </p>
          <pre data-testid="join-command" className="overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
            {made.command}
          </pre>
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              void navigator.clipboard?.writeText(made.command).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? "Copied" : "Copy the command"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
