"use client";

import { useState } from "react";
import type { ApiResult } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextArea } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import { REASON_MAX } from "@/lib/booking/rules";
import type { SessionView } from "@/lib/booking/schema";
import { bookingErrorMessage } from "./messages";
import { Sheet, SheetActions } from "./sheet";
import { type PickedSlot, SlotPicker } from "./slot-picker";

/** What a session card opens: a reason to decline or cancel, or another time to propose or move to. */

export function ReasonSheet({
  title,
  label,
  confirm,
  required,
  onClose,
  onConfirm,
}: {
  title: string;
  label: string;
  confirm: string;
  required: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<ApiResult<SessionView>>;
}) {
  const [reason, setReason] = useState("");
  const { call, busy, error } = useApiAction();
  const missing = required && reason.trim() === "";
  return (
    <Sheet
      title={title}
      onClose={onClose}
      footer={
        <SheetActions back="Keep it" onBack={onClose}>
          <Button
            type="button"
            variant="danger"
            disabled={busy || missing}
            onClick={async () => {
              if ((await call(() => onConfirm(reason.trim()))).ok) onClose();
            }}
          >
            {busy ? "Working…" : confirm}
          </Button>
        </SheetActions>
      }
    >
      <div className="space-y-3">
        <FormError message={error && bookingErrorMessage(error)} />
        <Field label={label} htmlFor="booking-reason" hint={`${[...reason].length}/${REASON_MAX}`}>
          <TextArea id="booking-reason" rows={3} maxLength={REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
    </Sheet>
  );
}

/** Propose another time (answering a request) or reschedule (an agreed session): both pick a free slot of the expert. */
export function MoveSheet({
  session,
  mode,
  onClose,
  onConfirm,
}: {
  session: SessionView;
  mode: "propose" | "reschedule";
  onClose: () => void;
  onConfirm: (slot: PickedSlot, text: string) => Promise<ApiResult<SessionView>>;
}) {
  const [slot, setSlot] = useState<PickedSlot | null>(null);
  const { call, busy, error } = useApiAction();
  const [text, setText] = useState("");
  const [reloadKey, setReloadKey] = useState(0);
  return (
    <Sheet
      title={mode === "propose" ? "Propose another time" : "Move to another time"}
      onClose={onClose}
      footer={
        <SheetActions back="Back" onBack={onClose}>
          <Button
            type="button"
            disabled={busy || !slot}
            onClick={async () => {
              if (!slot) return;
              if ((await call(() => onConfirm(slot, text.trim()))).ok) onClose();
              else {
                setSlot(null);
                setReloadKey((k) => k + 1);
              }
            }}
          >
            {busy ? "Sending…" : mode === "propose" ? "Propose this time" : "Move session"}
          </Button>
        </SheetActions>
      }
    >
      <div className="space-y-5">
        <FormError message={error && bookingErrorMessage(error)} />
        <p className="text-sm text-slate-600">
          {mode === "propose" ? "Asked for" : "Currently"}: <span className="font-medium text-slate-900">{session.timeLabel}</span>
        </p>
        <SlotPicker expertId={session.expert.id} selected={slot?.startsAt ?? null} onSelect={setSlot} exclude={session.slot.startsAt} reloadKey={reloadKey} />
        <Field label={mode === "propose" ? "Message (optional)" : "Reason (optional)"} htmlFor="move-text" hint={`${[...text].length}/${REASON_MAX}`}>
          <TextArea id="move-text" rows={2} maxLength={REASON_MAX} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
      </div>
    </Sheet>
  );
}
