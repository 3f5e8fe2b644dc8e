"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { LabTerminal } from "@/components/labs/lab-terminal";
import { getSocket } from "@/components/realtime/socket-client";
import { Card } from "@/components/ui/card";
import type { LabStatusEvent, LabView } from "@/lib/labs/schema";
import { LIVE, formatCountdown } from "./format";
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
export function LabLive({ initial }: { initial: LabView }) {
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
      setLab((l) => ({ ...l, status: e.status, failureReason: e.reason ?? l.failureReason }));
      setProgress(e.status === "CREATING" ? (e.progress ?? null) : null);
      if (!LIVE.includes(e.status) || e.status === "READY") void refresh();
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("lab:status", onStatus);
    if (socket.connected) onConnect();
    return () => {
      socket.emit("lab:unwatch", { labId: initial.id });
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("lab:status", onStatus);
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
            <IsolationBadge isolation={lab.template.isolation} />
            <span>
              by {lab.ownerName}
            </span>
            {live ? (
              <span data-testid="lab-time-left" className="font-mono tabular-nums" title={`Stops at ${new Date(lab.expiresAt).toLocaleTimeString()}`}>
                {formatCountdown(leftMs)} left
              </span>
            ) : null}
            {live ? (
              <span title={connected ? "Live updates" : "Reconnecting; checking every few seconds"} className={`inline-flex items-center gap-1 text-xs ${connected ? "text-green-700" : "text-amber-700"}`}>
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

      {launching || lab.status === "FAILED" ? (
        <Card>
          <ol className="grid gap-3 sm:grid-cols-3" aria-label="Launch progress" data-testid="launch-steps">
            {STEPS.map((step, i) => {
              const failedHere = lab.status === "FAILED" && i === stepIndex;
              const done = lab.status !== "FAILED" && i < stepIndex;
              const current = launching && i === stepIndex;
              return (
                <li key={step.status} className="flex items-center gap-3" aria-current={current ? "step" : undefined}>
                  <span
                    aria-hidden
                    className={`grid h-8 w-8 shrink-0 place-items-center rounded-full text-sm font-bold ${
                      failedHere ? "bg-red-100 text-red-700" : done ? "bg-green-100 text-green-700" : current ? "bg-moby-100 text-moby-700" : "bg-slate-100 text-slate-400"
                    }`}
                  >
                    {failedHere ? "✕" : done ? "✓" : current ? <span className="h-3 w-3 animate-pulse rounded-full bg-moby-500" /> : i + 1}
                  </span>
                  <span>
                    <span className="block font-semibold text-slate-800">{step.label}</span>
                    <span className="block text-xs text-slate-500">{step.hint}</span>
                  </span>
                </li>
              );
            })}
          </ol>
          {launching && progress ? <PullProgress progress={progress} /> : null}
          {lab.status === "FAILED" ? (
            <div role="alert" className="mt-4">
              <p className="font-semibold text-red-800">The lab could not start.</p>
              {lab.failureReason ? <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{lab.failureReason}</pre> : null}
            </div>
          ) : null}
        </Card>
      ) : null}

      {lab.status === "READY" ? <LabTerminal labId={lab.id} canType={lab.viewer.canType} /> : null}

      {lab.status === "STOPPING" || lab.status === "STOPPED" || lab.status === "LOST" ? (
        <Card>
          <p className="font-semibold text-slate-800" data-testid="lab-ended">
            {lab.status === "STOPPING" ? "Stopping the lab and removing its containers…" : lab.status === "STOPPED" ? "This lab has stopped; its containers are gone." : "This lab was lost."}
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

/** What the launch waits for (an image pull, with bytes when the engine knows them). */
function PullProgress({ progress }: { progress: NonNullable<LabStatusEvent["progress"]> }) {
  const fraction = progress.total ? Math.min(1, (progress.done ?? 0) / progress.total) : null;
  const mib = (n: number) => (n / 2 ** 20).toFixed(1);
  return (
    <div className="mt-4 space-y-1" data-testid="launch-progress">
      <p className="text-sm text-slate-700">
        {progress.message}
        {fraction !== null ? <span className="tabular-nums text-slate-500"> · {mib(progress.done ?? 0)} / {mib(progress.total!)} MiB</span> : null}
      </p>
      {fraction !== null ? (
        <div className="h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)} aria-label={progress.message}>
          <div className="h-full rounded-full bg-moby-500 transition-[width]" style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      ) : null}
    </div>
  );
}
