"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useLiveRefresh } from "@/components/booking/use-live-refresh";
import { useApiAction } from "@/components/use-api-action";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Field, FormError, TextInput } from "@/components/ui/field";
import type { HostList, HostView } from "@/lib/hosts/schema";
import { JoinTokenForm } from "./join-token-form";

/** Load changes with every lab launched or stopped; events say so, and this catches what they miss. */
const POLL_MS = 5_000;

const STATE_TONE = { ACTIVE: "green", DRAINING: "amber", DOWN: "red" } as const;

function Meter({ label, used, budget, unit = "" }: { label: string; used: number; budget: number; unit?: string }) {
  const fraction = budget > 0 ? Math.min(1, used / budget) : 0;
  return (
    <div>
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span className="tabular-nums">
          {used}
          {unit} / {budget}
          {unit}
        </span>
      </div>
      <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div
          className={`h-full rounded-full ${fraction > 0.9 ? "bg-red-500" : fraction > 0.7 ? "bg-amber-500" : "bg-moby-500"}`}
          style={{ width: `${Math.round(fraction * 100)}%` }}
        />
      </div>
    </div>
  );
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "—");

function HostCard({ host, onChanged }: { host: HostView; onChanged: () => void }) {
  const { run, busy, pending, error } = useApiAction();
  const act = async (path: string, method: string, label: string, body?: unknown) => {
    const r = await run(`/api/v1/organizer/hosts/${host.id}${path}`, { method, body }, { label, refresh: false });
    if (r.ok) onChanged();
  };
  const expiresSoon = host.certNotAfter && new Date(host.certNotAfter).getTime() - Date.now() < 14 * 86_400_000;
  return (
    <li data-testid="host-card" data-host={host.name} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-lg font-semibold text-ink">{host.name}</h3>
        <span data-testid="host-state">
          <Badge tone={STATE_TONE[host.state]}>{host.state.toLowerCase()}</Badge>
        </span>
        {host.state !== "DOWN" && !host.healthy ? <Badge tone="red">not answering</Badge> : null}
        {host.implicit ? <Badge>this server&apos;s engine</Badge> : null}
        <span className="ml-auto font-mono text-xs text-slate-500">{host.engineUrl}</span>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Docker</dt>
          <dd data-testid="host-version">{host.dockerVersion ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Runtimes</dt>
          <dd data-testid="host-runtimes">{host.runtimes.length ? host.runtimes.join(", ") : "—"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Running labs</dt>
          <dd data-testid="host-running" className="tabular-nums">
            {host.runningLabs}
            {host.warmLabs ? <span className="text-slate-500"> + {host.warmLabs} warm</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Certificate expires</dt>
          <dd className={expiresSoon ? "font-semibold text-red-700" : ""}>{host.implicit ? "local socket" : when(host.certNotAfter)}</dd>
        </div>
      </dl>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        <Meter label="Labs" used={host.labs.used} budget={host.labs.budget} />
        <Meter label="Memory" used={host.memoryMb.used} budget={host.memoryMb.budget} unit=" MiB" />
        <Meter label="CPUs" used={host.cpus.used} budget={host.cpus.budget} />
      </div>
      {host.lastError ? (
        <p data-testid="host-last-error" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          Last error{host.consecutiveFailures ? ` (${host.consecutiveFailures} failed checks in a row)` : ""}: {host.lastError}
        </p>
      ) : null}
      <p className="mt-2 text-xs text-slate-500">Last answered {when(host.lastSeenAt)}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        {host.state === "ACTIVE" ? (
          <>
            <Button variant="secondary" disabled={busy} onClick={() => void act("/drain", "POST", "drain", { move: false })}>
              {pending === "drain" ? "Draining…" : "Drain"}
            </Button>
            <Button variant="secondary" disabled={busy || host.runningLabs === 0} onClick={() => void act("/drain", "POST", "move", { move: true })}>
              {pending === "move" ? "Moving labs…" : "Drain and move labs"}
            </Button>
          </>
        ) : null}
        {host.state === "DRAINING" ? (
          <>
            <Button variant="secondary" disabled={busy} onClick={() => void act("/activate", "POST", "activate")}>
              {pending === "activate" ? "Activating…" : "Activate"}
            </Button>
            {host.runningLabs > 0 ? (
              <Button variant="secondary" disabled={busy} onClick={() => void act("/drain", "POST", "move", { move: true })}>
                {pending === "move" ? "Moving labs…" : "Move its labs"}
              </Button>
            ) : null}
          </>
        ) : null}
        {host.state !== "ACTIVE" && !host.implicit ? (
          <Button variant="danger" disabled={busy} onClick={() => void act("", "DELETE", "remove")}>
            {pending === "remove" ? "Removing…" : "Remove"}
          </Button>
        ) : null}
      </div>
      <FormError message={error?.message} />
    </li>
  );
}

function AddHostForm({ onAdded }: { onAdded: () => void }) {
  const { run, busy, error } = useApiAction();
  const [name, setName] = useState("");
  const [engineUrl, setEngineUrl] = useState("");
  const [maxLabs, setMaxLabs] = useState(30);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await run("/api/v1/organizer/hosts", { method: "POST", body: { name, engineUrl, maxLabs } }, { refresh: false });
    if (r.ok) {
      setName("");
      setEngineUrl("");
      onAdded();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-3 sm:grid-cols-[1fr_2fr_auto_auto] sm:items-end" aria-label="Add a host by its engine URL">
      <Field label="Name" htmlFor="host-name" error={error?.fields?.name}>
        <TextInput id="host-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="lab-host-1" required />
      </Field>
      <Field label="Engine API URL" htmlFor="host-url" error={error?.fields?.engineUrl}>
        <TextInput id="host-url" value={engineUrl} onChange={(e) => setEngineUrl(e.target.value)} placeholder="tcp://192.0.2.10:2376" required />
      </Field>
      <Field label="Labs at most" htmlFor="host-max-labs" error={error?.fields?.maxLabs}>
        <TextInput id="host-max-labs" type="number" min={1} value={maxLabs} onChange={(e) => setMaxLabs(Number(e.target.value))} />
      </Field>
      <Button type="submit" disabled={busy}>
        {busy ? "Adding…" : "Add host"}
      </Button>
      <div className="sm:col-span-4">
        <FormError message={error && !error.fields ? error.message : null} />
      </div>
    </form>
  );
}

/**
 * The Hosts page's live part: every host with its health and load, refetched when the server says
 * something changed (`hosts:changed`, organizers only) and every few seconds besides; drain,
 * move, activate and remove in place; adding a host by URL, or by join token on the machine itself.
 */
export function HostsBoard({ initial }: { initial: HostView[] }) {
  const [hosts, setHosts] = useState(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await apiFetch<HostList>("/api/v1/organizer/hosts");
    if (r.ok) {
      setHosts(r.data.hosts);
      setLoadError(null);
    } else setLoadError(r.error.message);
  }, []);
  useLiveRefresh(["hosts:changed"], () => void refresh());
  useEffect(() => {
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <div className="space-y-6">
      {loadError ? <FormError message={loadError} /> : null}
      <ul className="grid gap-4 lg:grid-cols-2" data-testid="host-list">
        {hosts.map((h) => (
          <HostCard key={h.id} host={h} onChanged={() => void refresh()} />
        ))}
      </ul>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold text-ink">Add a host</h2>
        <div data-testid="join-host" className="space-y-2 text-sm text-slate-700">
          <h3 className="font-semibold text-slate-800">With a join token (a new Debian machine)</h3>
          <p>
            On the machine, as root, run the join script with this server&apos;s address and a one-time token: it installs Docker Engine and gVisor, gets a certificate from
            Mingle&apos;s CA, starts dockerd so that only Mingle can reach it, and joins the pool.
          </p>
          <JoinTokenForm />
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-800">By its engine URL (an engine already set up)</h3>
          <AddHostForm onAdded={() => void refresh()} />
        </div>
      </Card>
    </div>
  );
}
