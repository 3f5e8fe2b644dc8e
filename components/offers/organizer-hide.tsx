"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";

/** Organizers hide an offer with a reason its owner will read, or show it again. */
export function OrganizerHide({ offerId, hidden }: { offerId: string; hidden: boolean }) {
  const [reason, setReason] = useState("");
  const { run, busy, error } = useApiAction();
  const field = error?.fields?.reason;

  const submit = (method: "POST" | "DELETE") => run(`/api/v1/offers/${offerId}/hide`, { method, body: method === "POST" ? { reason } : undefined });

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
      <FormError message={error?.message} />
      <Field label="Reason the owner will see" htmlFor="hide-reason" error={field}>
        <TextInput id="hide-reason" value={reason} onChange={(e) => setReason(e.target.value)} invalid={Boolean(field)} maxLength={500} />
      </Field>
      <Button type="submit" variant="danger" disabled={busy}>
        Hide offer
      </Button>
    </form>
  );
}
