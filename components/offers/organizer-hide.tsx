"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";

/** Organizers hide an offer with a reason its owner will read, or show it again. */
export function OrganizerHide({ offerId, hidden }: { offerId: string; hidden: boolean }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(method: "POST" | "DELETE") {
    setBusy(true);
    const r = await apiFetch(`/api/v1/offers/${offerId}/hide`, { method, body: method === "POST" ? { reason } : undefined });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      setField(r.error.fields?.reason);
      return;
    }
    setError(null);
    setField(undefined);
    router.refresh();
  }

  if (hidden) {
    return (
      <Button variant="secondary" disabled={busy} onClick={() => submit("DELETE")}>
        Show this offer again
      </Button>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit("POST");
      }}
    >
      <FormError message={error} />
      <Field label="Reason the owner will see" htmlFor="hide-reason" error={field}>
        <TextInput id="hide-reason" value={reason} onChange={(e) => setReason(e.target.value)} invalid={Boolean(field)} maxLength={500} />
      </Field>
      <Button type="submit" variant="danger" disabled={busy}>
        Hide offer
      </Button>
    </form>
  );
}
