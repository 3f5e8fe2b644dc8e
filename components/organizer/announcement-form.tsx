"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextArea, TextInput } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";

/** A notice from the Mingle desk to one attendee or everyone: inbox entry + live toast. */
export function AnnouncementForm() {
  const { run, error, busy } = useApiAction();
  const [to, setTo] = useState("");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [sent, setSent] = useState<number | null>(null);
  const f = error?.fields ?? {};
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await run<{ sent: number }>("/api/v1/organizer/announcements", { method: "POST", body: { to: to.trim() || "everyone", title, body } });
        if (res.ok) {
          setSent(res.data.sent);
          setTitle("");
          setBody("");
        }
      }}
    >
      <Field label="To" htmlFor="notice-to" error={f.to} hint="An attendee's email, or leave empty for everyone">
        <TextInput id="notice-to" type="text" value={to} onChange={(e) => setTo(e.target.value)} placeholder="everyone" invalid={!!f.to} />
      </Field>
      <Field label="Title" htmlFor="notice-title" error={f.title}>
        <TextInput id="notice-title" value={title} onChange={(e) => setTitle(e.target.value)} required invalid={!!f.title} />
      </Field>
      <Field label="Message" htmlFor="notice-body" error={f.body}>
        <TextArea id="notice-body" rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <FormError message={error?.message} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          Send notice
        </Button>
        {sent !== null ? (
          <span role="status" className="text-sm text-green-700">
            Sent to {sent} {sent === 1 ? "person" : "people"}.
          </span>
        ) : null}
      </div>
    </form>
  );
}
