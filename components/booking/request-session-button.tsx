"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, FormError, TextArea } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import { formatSessionTime } from "@/lib/booking/time";
import type { SessionView } from "@/lib/booking/schema";
import { bookingErrorMessage, slotsChanged } from "./messages";
import { requestSession } from "./request-session";
import { Sheet, SheetActions } from "./sheet";
import { SlotPicker, type PickedSlot } from "./slot-picker";
import { untilLabel, viewerTimeZone } from "./slot-time";

const MESSAGE_MAX = 500;

/** "Request a session" on an offer: pick one of the expert's free slots, add a note, send. */
export function RequestSessionButton({ offerId, expertId }: { offerId: string; expertId: string }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)} data-testid="request-session">
        Request a session
      </Button>
      {open ? <RequestPanel offerId={offerId} expertId={expertId} onClose={close} /> : null}
    </>
  );
}

function RequestPanel({ offerId, expertId, onClose }: { offerId: string; expertId: string; onClose: () => void }) {
  const [slot, setSlot] = useState<PickedSlot | null>(null);
  const [message, setMessage] = useState("");
  const { call, busy, error, fail } = useApiAction();
  const [reloadKey, setReloadKey] = useState(0);
  const [sent, setSent] = useState<SessionView | null>(null);
  const fieldError = error?.fields?.message;

  const submit = async () => {
    if (!slot) return fail("Pick a time first.");
    const result = await call(() => requestSession(offerId, slot.startsAt, message));
    if (result.ok) return setSent(result.data);
    if (slotsChanged(result.error)) {
      setSlot(null);
      setReloadKey((k) => k + 1);
    }
  };

  if (sent) {
    return (
      <Sheet
        title="Request sent"
        onClose={onClose}
        footer={
          <SheetActions back="Close" onBack={onClose}>
            <Link href="/sessions" className={buttonClass("primary")}>
              My sessions
            </Link>
          </SheetActions>
        }
      >
        <div data-testid="request-sent" className="space-y-3">
          <p className="text-slate-700">
            <span className="font-semibold">{sent.expert.name}</span> has your request for <span className="font-semibold">{sent.offer.title}</span>.
          </p>
          <p className="rounded-lg bg-moby-50 px-3 py-2 font-medium text-moby-700">{sent.timeLabel}</p>
          {sent.holdExpiresAt ? (
            <p className="text-sm text-slate-600">The slot is held for both of you until they answer — {untilLabel(sent.holdExpiresAt, Date.now())} at the latest.</p>
          ) : null}
        </div>
      </Sheet>
    );
  }

  const summary = slot
    ? formatSessionTime({ startUtc: new Date(slot.startsAt), endUtc: new Date(slot.endsAt), conferenceTimeZone: slot.timeZone, viewerTimeZone: viewerTimeZone() })
    : null;

  return (
    <Sheet
      title="Request a session"
      onClose={onClose}
      footer={
        <div className="space-y-2">
          {summary ? (
            <p data-testid="picked-slot" className="text-sm text-slate-700">
              <span className="text-slate-500">Time:</span> <span className="font-medium">{summary}</span>
            </p>
          ) : null}
          <SheetActions back="Cancel" onBack={onClose}>
            <Button type="button" onClick={submit} disabled={busy || !slot}>
              {busy ? "Sending…" : "Send request"}
            </Button>
          </SheetActions>
        </div>
      }
    >
      <div className="space-y-5">
        <FormError message={error && bookingErrorMessage(error)} />
        <SlotPicker expertId={expertId} selected={slot?.startsAt ?? null} onSelect={setSlot} reloadKey={reloadKey} />
        <Field label="Message (optional)" htmlFor="request-message" error={fieldError} hint={`${[...message].length}/${MESSAGE_MAX} — what you would like to talk about.`}>
          <TextArea
            id="request-message"
            rows={3}
            maxLength={MESSAGE_MAX}
            value={message}
            invalid={Boolean(fieldError)}
            onChange={(e) => setMessage(e.target.value)}
            placeholder="Hi! I'd love to hear how you…"
          />
        </Field>
      </div>
    </Sheet>
  );
}
