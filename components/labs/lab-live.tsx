"use client";

import Link from "next/link";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { LabExtend } from "@/components/labs/lab-extend";
import { LabTerminal } from "@/components/labs/lab-terminal";
import { LabWorkspace } from "@/components/labs/lab-workspace";
import { getSocket } from "@/components/realtime/socket-client";
import { Card } from "@/components/ui/card";
import type { LabStatusEvent, LabView } from "@/lib/labs/schema";
import type { LabExtendedEvent } from "@/lib/labs/workspace-schema";
import { LIVE, formatCountdown } from "./format";
import { LaunchButton } from "./launch-button";
import { IsolationBadge, LabStatusBadge } from "./status-badge";
import { StopLabButton } from "./stop-button";

const STEPS = [
  { status: "CREATING", label: "Creating", hint: "containers and volume" },
  { status: "BOOTING", label: "Booting", hint: "files, onboot, services" },
  { status: "READY", label: "Ready", hint: "shell waiting" },
] as const;

const POLL_MS = 2_000;

/**
 * The lab page's live part: status from `lab:status` (after `lab:watch`), with polling while the
 * socket is down; launch progress, time left, the terminal, Stop.
 */
export function LabLive({ initial, badges }: { initial: LabView /** More badges beside the status (the recording's). */; badges?: ReactNode }) {
  const [lab, setLab] = useState(initial);
  const [progress, setProgress] = useState<LabStatusEvent["progress"] | null>(null);
  const [connected, setConnected] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const refresh = useCallback(async () => {
    const r = await apiFetch<LabView>(`/api/v1/labs/${initial.id}`);
    if (r.ok) setLab(r.data);
  }, [initial.id]);

  useEffect(() => {
    const socket = getSocket();
    const watch = () =>
      socket.emit("lab:watch", { labId: initial.id }, (ack) => {
        if (ack.ok) setLab(ack.lab);
      });
    const onConnect = () => {
      setConnected(true);
      watch();
    };
    const onDisconnect = () => setConnected(false);
    const onStatus = (e: LabStatusEvent) => {
      if (e.labId !== initial.id) return;
      setLab((l) => ({ ...l, status: e.status, failureReason: e.reason ?? l.failureReason, replacedBy: e.replacedBy ?? l.replacedBy }));
      setProgress(e.status === "CREATING" ? (e.progress ?? null) : null);
      if (!LIVE.includes(e.status) || e.status === "READY") void refresh();
    };
    const onExtended = (e: LabExtendedEvent) => {
      if (e.labId === initial.id) setLab((l) => ({ ...l, expiresAt: e.expiresAt }));
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("lab:status", onStatus);
    socket.on("lab:extended", onExtended);
    if (socket.connected) onConnect();
    return () => {
      socket.emit("lab:unwatch", { labId: initial.id });
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("lab:status", onStatus);
      socket.off("lab:extended", onExtended);
    };
  }, [initial.id, refresh]);

  const live = LIVE.includes(lab.status);

  // Polling fallback: while the socket is down and the lab is still changing.
  useEffect(() => {
    if (connected || !live) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [connected, live, refresh]);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [live]);

  const leftMs = new Date(lab.expiresAt).getTime() - now;
  const stepIndex = lab.status === "READY" ? 2 : lab.status === "BOOTING" ? 1 : 0;
  const launching = lab.status === "CREATING" || lab.status === "BOOTING";

  return (
    <div className="space-y-4" data-testid="lab-live" data-lab-id={lab.id}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">
            <Link href="/labs" className="hover:text-moby-700">
              Labs
            </Link>{" "}
            / {lab.id}
          </p>
          <h1 className="mt-1 text-2xl font-bold tracking-tight text-ink sm:text-3xl">{lab.template.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <LabStatusBadge status={lab.status} />
            <IsolationBadge isolation={lab.template.isolation} mode={lab.template.mode} />
            {live ? badges : null}
            <span>by {lab.ownerName}</span>
            {live ? (
              <span data-testid="lab-time-left" className="font-mono tabular-nums" title={`Stops at ${new Date(lab.expiresAt).toLocaleTimeString()}`}>
                {formatCountdown(leftMs)} left
              </span>
            ) : null}
            {lab.status === "READY" ? (
              <LabExtend labId={lab.id} expiresAt={lab.expiresAt} participant={lab.viewer.canType} onExtended={(expiresAt) => setLab((l) => ({ ...l, expiresAt }))} />
            ) : null}
            {live ? (
              <span
                title={connected ? "Live updates" : "Reconnecting; checking every few seconds"}
                className={`inline-flex items-center gap-1 text-xs ${connected ? "text-green-700" : "text-amber-700"}`}
              >
                <span aria-hidden className={`h-2 w-2 rounded-full ${connected ? "bg-green-500" : "bg-amber-500"}`} />
                {connected ? "live" : "polling"}
              </span>
            ) : null}
          </div>
        </div>
        {lab.viewer.canStop && live && lab.status !== "STOPPING" ? <StopLabButton labId={lab.id} onStopped={setLab} label="Stop lab" /> : null}
      </div>

      {!lab.viewer.canType && live ? (
        <div data-testid="read-only-banner" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You are watching {lab.ownerName}&apos;s lab read-only, as an organizer. You can stop it, but not type in it.
        </div>
      ) : null}

      {launching ? (
        <Card>
          <ol className="grid gap-3 sm:grid-cols-3" aria-label="Launch progress" data-testid="launch-steps">
            {STEPS.map((step, i) => {
              const done = i < stepIndex;
              const current = i === stepIndex;
              return (
                <li key={step.status} className="flex items-center gap-3" aria-current={current ? "step" : undefined}>
                  <span
                    aria-hidden
                    className={`grid h-8 w-8 shrink-0 place-items-center rounded-full text-sm font-bold ${
                      done ? "bg-green-100 text-green-700" : current ? "bg-moby-100 text-moby-700" : "bg-slate-100 text-slate-400"
                    }`}
                  >
                    {done ? "✓" : current ? <span className="h-3 w-3 animate-pulse rounded-full bg-moby-500" /> : i + 1}
                  </span>
                  <span>
                    <span className="block font-semibold text-slate-800">{step.label}</span>
                    <span className="block text-xs text-slate-500">{step.hint}</span>
                  </span>
                </li>
              );
            })}
          </ol>
          {progress ? <PullProgress progress={progress} /> : null}
        </Card>
      ) : null}

      {lab.replacedBy && !live ? <ReplacedNotice reason={lab.failureReason} replacedBy={lab.replacedBy} /> : null}

      {(lab.status === "FAILED" || lab.status === "LOST") && !lab.replacedBy ? (
        <Card>
          <div role="alert" data-testid="lab-failed" className="space-y-3">
            <p className="font-semibold text-red-800">{lab.status === "FAILED" ? "This lab has failed." : "This lab was lost."}</p>
            {lab.failureReason ? (
              <pre data-testid="lab-failure-reason" className="max-h-64 overflow-auto whitespace-pre-wrap rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
                {lab.failureReason}
              </pre>
            ) : null}
            <div className="flex flex-wrap items-center gap-4">
              {lab.viewer.participant ? <LaunchButton template={lab.template.name} title={lab.template.title} label="Relaunch" /> : null}
              <Link href="/labs" className="text-sm font-semibold text-moby-700 underline">
                Back to labs
              </Link>
            </div>
          </div>
        </Card>
      ) : null}

      {lab.status === "READY" ? (
        <LabWorkspace labId={lab.id} canWrite={lab.viewer.canType}>
          <LabTerminal labId={lab.id} canType={lab.viewer.canType} />
        </LabWorkspace>
      ) : null}

      {(lab.status === "STOPPING" || lab.status === "STOPPED") && !lab.replacedBy ? (
        <Card>
          <p className="font-semibold text-slate-800" data-testid="lab-ended">
            {lab.status === "STOPPING" ? "Stopping the lab and removing its containers…" : "This lab has stopped; its containers are gone."}
          </p>
          {lab.failureReason ? <p className="mt-1 text-sm text-slate-600">{lab.failureReason}</p> : null}
          {lab.status !== "STOPPING" ? (
            <Link href="/labs" className="mt-3 inline-block text-sm font-semibold text-moby-700 underline">
              Back to labs
            </Link>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}

/** The lab's machine went down (or it was moved): what happened, and the way to the lab that took over. */
function ReplacedNotice({ reason, replacedBy }: { reason: string | null; replacedBy: string }) {
  return (
    <Card>
      <div role="alert" data-testid="lab-replaced" className="space-y-3">
        <p className="font-semibold text-amber-900" data-testid="lab-replaced-reason">
          {reason ?? "This lab ended; a new lab is starting on another machine."}
        </p>
        <Link
          href={`/labs/${replacedBy}`}
          className="inline-block rounded-lg bg-moby-600 px-4 py-2 text-sm font-semibold text-white hover:bg-moby-700"
          data-testid="lab-replacement-link"
        >
          Open the new lab
        </Link>
      </div>
    </Card>
  );
}

/** What the launch waits for (an image pull, with bytes when the engine knows them). */
function PullProgress({ progress }: { progress: NonNullable<LabStatusEvent["progress"]> }) {
  const fraction = progress.total ? Math.min(1, (progress.done ?? 0) / progress.total) : null;
  const mib = (n: number) => (n / 2 ** 20).toFixed(1);
  return (
    <div className="mt-4 space-y-1" data-testid="launch-progress">
      <p className="text-sm text-slate-700">
        {progress.message}
        {fraction !== null ? (
          <span className="tabular-nums text-slate-500">
            {" "}
            · {mib(progress.done ?? 0)} / {mib(progress.total!)} MiB
          </span>
        ) : null}
      </p>
      {fraction !== null ? (
        <div
          className="h-2 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(fraction * 100)}
          aria-label={progress.message}
        >
          <div className="h-full rounded-full bg-moby-500 transition-[width]" style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      ) : null}
    </div>
  );
}
