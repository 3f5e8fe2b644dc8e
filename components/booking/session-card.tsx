"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { type ApiResult, apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/card";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, FormError, TextArea } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import { REASON_MAX } from "@/lib/booking/rules";
import type { LabLaunchView, SessionView } from "@/lib/booking/schema";
import { bookingErrorMessage } from "./messages";
import { sessionAction } from "./session-actions";
import { MoveSheet, ReasonSheet } from "./session-sheets";
import { untilLabel } from "./slot-time";

type Dialog = null | "decline" | "propose" | "cancel" | "reschedule";

/**
 * One session in "My sessions": what, when, where, with whom, and the actions that make sense for
 * its state and for me (answer, withdraw, check in, open the lab, rate, move, cancel, calendar).
 */
export function SessionCard({ session, now, onChange, onStale }: { session: SessionView; now: number; onChange: (s: SessionView) => void; onStale: () => void }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { call, pending: busy, error, clearError } = useApiAction();

  /** Runs an action; a failure shows on the card unless a sheet shows it. */
  const run = async (label: string, action: Parameters<typeof sessionAction>[1], body?: unknown, inSheet = false): Promise<ApiResult<SessionView>> => {
    const result = await call(() => sessionAction(session.id, action, body), { label });
    if (result.ok) {
      onChange(result.data);
      return result;
    }
    if (inSheet) clearError();
    if (["STALE_STATE", "NOT_PENDING", "HOLD_EXPIRED", "NOT_LIVE"].includes(result.error.code)) onStale();
    return result;
  };

  const openLab = async () => {
    const result = await call(() => apiFetch<LabLaunchView>(`/api/v1/sessions/${encodeURIComponent(session.id)}/lab`, { method: "POST" }), { label: "lab" });
    if (result.ok) router.push(`/labs/${encodeURIComponent(result.data.labId)}`);
  };

  const start = new Date(session.slot.startsAt).getTime();
  const end = new Date(session.slot.endsAt).getTime();
  const accepted = session.status === "ACCEPTED";
  const pending = session.status === "PENDING";
  const during = accepted && now >= start && now < end;
  // The window is the API's (session.checkInOpensAt); the ticking clock only decides when the button shows.
  const canCheckIn = accepted && now >= new Date(session.checkInOpensAt).getTime() && now < end;
  const over = now >= end;
  const other = session.other ?? (session.myRole === "EXPERT" ? session.requester : session.expert);
  const iAmExpert = session.myRole === "EXPERT";

  return (
    <article
      data-testid="session-card"
      data-session-id={session.id}
      data-status={session.status}
      className={`rounded-2xl bg-white p-4 shadow-sm ring-1 sm:p-5 ${during ? "ring-2 ring-moby-500" : "ring-slate-200"}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{iAmExpert ? "You share" : "You asked about"}</p>
          <h3 className="truncate text-base font-bold text-ink sm:text-lg">{session.offer.title}</h3>
        </div>
        <StatusBadge session={session} during={during} />
      </div>

      <dl className="mt-3 grid grid-cols-[4.5rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm sm:grid-cols-[5.5rem_minmax(0,1fr)]">
        <Row label="When">
          <span data-testid="session-time" className="font-medium text-slate-900">
            {session.timeLabel}
          </span>
          {!over && accepted ? <span className="ml-2 text-slate-500">({untilLabel(session.slot.startsAt, now)})</span> : null}
        </Row>
        <Row label="With">
          <span className="font-medium text-slate-900">{other.name}</span>
          <span className="text-slate-500"> · {iAmExpert ? "asked you" : "expert"}</span>
        </Row>
        {session.table ? (
          <Row label="Where">
            <span data-testid="session-table" className="font-medium text-slate-900">
              Table {session.table.label} · {session.table.area.name}
            </span>
            {session.table.area.location ? <span className="block text-slate-500">{session.table.area.location}</span> : null}
          </Row>
        ) : null}
        {session.message ? (
          <Row label="Message">
            <span className="whitespace-pre-line text-slate-700">{session.message}</span>
          </Row>
        ) : null}
        {session.closedReason ? (
          <Row label="Reason">
            <span className="text-slate-700">{session.closedReason}</span>
          </Row>
        ) : null}
        {pending && session.holdExpiresAt ? (
          <Row label="Held">
            <span data-testid="hold-countdown" className="text-slate-700">
              Expires {untilLabel(session.holdExpiresAt, now)}
              {session.proposalCount > 0 ? <span className="text-slate-500"> · new time proposed</span> : null}
            </span>
          </Row>
        ) : null}
        {accepted && (session.checkIn.me || session.checkIn.other) ? (
          <Row label="Check-in">
            <span className="text-slate-700">
              {session.checkIn.me ? "You're here" : "You haven't checked in"} · {session.checkIn.other ? `${other.name} is here` : `${other.name} hasn't checked in`}
            </span>
          </Row>
        ) : null}
      </dl>

      {error ? (
        <div className="mt-3">
          <FormError message={bookingErrorMessage(error)} />
        </div>
      ) : null}

      <div className="mt-4 flex flex-wrap gap-2">
        {pending && session.myTurn ? (
          <>
            <Button type="button" onClick={() => void run("accept", "respond", { action: "accept" })} disabled={busy !== null}>
              {busy === "accept" ? "Accepting…" : "Accept"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setDialog("propose")} disabled={busy !== null}>
              Propose another time
            </Button>
            <Button type="button" variant="ghost" onClick={() => setDialog("decline")} disabled={busy !== null}>
              Decline
            </Button>
          </>
        ) : null}
        {pending && !session.myTurn ? (
          <Button type="button" variant="secondary" onClick={() => setDialog("cancel")} disabled={busy !== null}>
            Withdraw request
          </Button>
        ) : null}
        {during && session.canOpenLab ? (
          <Button type="button" onClick={() => void openLab()} disabled={busy !== null}>
            {busy === "lab" ? "Starting lab…" : "Open lab"}
          </Button>
        ) : null}
        {canCheckIn && !session.checkIn.me ? (
          <Button type="button" variant={during ? "secondary" : "primary"} onClick={() => void run("check-in", "check-in")} disabled={busy !== null}>
            {busy === "check-in" ? "Checking in…" : "We're here"}
          </Button>
        ) : null}
        {accepted && !over ? (
          <>
            <a href={session.icsUrl} download className={buttonClass("secondary")} data-testid="add-to-calendar">
              Add to calendar
            </a>
            <Button type="button" variant="ghost" onClick={() => setDialog("reschedule")} disabled={busy !== null}>
              Reschedule
            </Button>
            <Button type="button" variant="ghost" onClick={() => setDialog("cancel")} disabled={busy !== null}>
              Cancel session
            </Button>
          </>
        ) : null}
      </div>

      {accepted && over ? <Feedback session={session} otherName={other.name} run={run} busy={busy} /> : null}

      {dialog === "decline" ? (
        <ReasonSheet
          title="Decline this request"
          label="Message to them (optional)"
          confirm="Decline"
          required={false}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => run("decline", "respond", { action: "decline", ...(reason ? { reason } : {}) }, true)}
        />
      ) : null}
      {dialog === "cancel" ? (
        <ReasonSheet
          title={pending ? "Withdraw this request" : "Cancel this session"}
          label={accepted ? "Why? (they will see this)" : "Reason (optional)"}
          confirm={pending ? "Withdraw" : "Cancel session"}
          required={accepted}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => run("cancel", "cancel", reason ? { reason } : {}, true)}
        />
      ) : null}
      {dialog === "propose" || dialog === "reschedule" ? (
        <MoveSheet
          session={session}
          mode={dialog}
          onClose={() => setDialog(null)}
          onConfirm={(slot, text) =>
            dialog === "propose"
              ? run("propose", "respond", { action: "propose", slotStart: slot.startsAt, ...(text ? { message: text } : {}) }, true)
              : run("reschedule", "reschedule", { slotStart: slot.startsAt, ...(text ? { reason: text } : {}) }, true)
          }
        />
      ) : null}
    </article>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function StatusBadge({ session, during }: { session: SessionView; during: boolean }) {
  if (session.status === "PENDING") return <Badge tone="amber">{session.myTurn ? "Needs your answer" : "Waiting for answer"}</Badge>;
  if (session.status === "ACCEPTED") {
    if (session.noShow) return <Badge tone="red">Didn't happen</Badge>;
    if (during) return <Badge tone="moby">Happening now</Badge>;
    return <Badge tone="green">{session.phase === "past" ? "Done" : "Confirmed"}</Badge>;
  }
  const label = { DECLINED: "Declined", CANCELLED: "Cancelled", EXPIRED: "Expired" }[session.status];
  return <Badge tone="slate">{label}</Badge>;
}

/** After the slot: did it happen, a rating and a note; each part can be sent on its own. */
function Feedback({
  session,
  otherName,
  run,
  busy,
}: {
  session: SessionView;
  otherName: string;
  run: (label: string, action: "feedback", body: unknown) => Promise<unknown>;
  busy: string | null;
}) {
  const [note, setNote] = useState(session.feedback.note ?? "");
  const { happened, rating } = session.feedback;
  return (
    <div className="mt-4 space-y-3 rounded-xl bg-slate-50 p-3 sm:p-4" data-testid="feedback">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-slate-800">Did it happen?</span>
        {(
          [
            [true, "Yes"],
            [false, "No"],
          ] as const
        ).map(([value, label]) => (
          <button
            key={label}
            type="button"
            aria-pressed={happened === value}
            disabled={busy !== null}
            onClick={() => void run("happened", "feedback", { happened: value })}
            className={`rounded-lg px-4 py-1.5 text-sm font-semibold ring-1 ${happened === value ? "bg-ink text-white ring-ink" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-100"}`}
          >
            {label}
          </button>
        ))}
      </div>
      {happened !== false ? (
        // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not a form fieldset
        <div className="flex flex-wrap items-center gap-1" role="group" aria-label="Rating">
          <span className="mr-1 text-sm font-semibold text-slate-800">Rating</span>
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              key={n}
              type="button"
              aria-label={`${n} of 5`}
              aria-pressed={rating === n}
              disabled={busy !== null}
              onClick={() => void run("rating", "feedback", { rating: n })}
              className={`h-9 w-9 rounded-lg text-xl leading-none ${rating !== null && n <= rating ? "text-amber-500" : "text-slate-300 hover:text-amber-400"}`}
            >
              ★
            </button>
          ))}
        </div>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field label={`A short note to ${otherName}`} htmlFor={`note-${session.id}`}>
            <TextArea id={`note-${session.id}`} rows={2} maxLength={REASON_MAX} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Thanks for the tips on…" />
          </Field>
        </div>
        <Button
          type="button"
          variant="secondary"
          disabled={busy !== null || note.trim() === "" || note.trim() === (session.feedback.note ?? "")}
          onClick={() => void run("note", "feedback", { note: note.trim() })}
        >
          {busy === "note" ? "Sending…" : "Send note"}
        </Button>
      </div>
      <a className="inline-block text-sm font-semibold text-moby-700 underline" href={`/recap/${encodeURIComponent(session.id)}`}>
        Recap and {otherName}'s contact card
      </a>
    </div>
  );
}
