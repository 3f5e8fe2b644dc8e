import Link from "next/link";
import { formatBytes, formatDuration } from "@/components/labs/format";
import { LaunchButton } from "@/components/labs/launch-button";
import { IsolationBadge, LabStatusBadge } from "@/components/labs/status-badge";
import { StopLabButton } from "@/components/labs/stop-button";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageTitle } from "@/components/ui/card";
import { labUseCaseDeps } from "@/lib/labs/deps";
import type { LabView } from "@/lib/labs/schema";
import { listLabs } from "@/lib/labs/list-labs";
import { listTemplates } from "@/lib/labs/list-templates";
import { requireUser } from "@/lib/session";
import { RenderedMarkdown } from "@/components/ui/rendered-markdown";

export const dynamic = "force-dynamic";
export const metadata = { title: "Labs" };

function minutesLeft(expiresAt: string): number {
  return Math.max(0, Math.ceil((new Date(expiresAt).getTime() - Date.now()) / 60_000));
}

function LabRow({ lab, organizerView }: { lab: LabView; organizerView?: boolean }) {
  const watching = organizerView && !lab.viewer.participant;
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="lab-row" data-lab-id={lab.id}>
      <div className="min-w-0">
        <p className="font-semibold text-slate-800">
          {lab.template.title} {organizerView ? <span className="font-normal text-slate-500">· {lab.ownerName}</span> : null}
        </p>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
          <LabStatusBadge status={lab.status} />
          <span className="font-mono">{lab.id}</span>
          <span>{minutesLeft(lab.expiresAt)} min left</span>
        </p>
      </div>
      <div className="flex shrink-0 gap-2">
        <Link href={`/labs/${lab.id}`} className={buttonClass("secondary")}>
          {watching ? "Watch" : "Open"}
        </Link>
        {organizerView && lab.viewer.canStop ? <StopLabButton labId={lab.id} /> : null}
      </div>
    </li>
  );
}

export default async function LabsPage() {
  const user = await requireUser("/labs");
  const deps = labUseCaseDeps();
  const organizer = user.role === "ORGANIZER";
  const [catalog, mine, all] = await Promise.all([listTemplates(deps), listLabs(deps, user, "mine"), organizer ? listLabs(deps, user, "all") : Promise.resolve(null)]);
  if (!catalog.ok || !mine.ok) throw new Error("labs page: could not list labs");
  const { templates, engine } = catalog.value;
  const running = mine.value.labs;

  return (
    <div className="space-y-8">
      <PageTitle title="Labs" subtitle="Live sandboxes of real containers: no network, read-only root, strict limits. Launch one and work in it from the browser." />

      {!engine.ok ? (
        <div role="alert" data-testid="labs-unavailable" className="rounded-2xl border border-amber-300 bg-amber-50 p-4 text-amber-900">
          <p className="font-semibold">Labs are unavailable right now</p>
          <p className="mt-1 text-sm">{engine.reason}</p>
        </div>
      ) : null}

      {running.length ? (
        <Card>
          <h2 className="text-lg font-bold text-ink">Your running lab{running.length > 1 ? "s" : ""}</h2>
          <ul className="divide-y divide-slate-100" data-testid="my-labs">
            {running.map((lab) => (
              <LabRow key={lab.id} lab={lab} />
            ))}
          </ul>
        </Card>
      ) : null}

      {all?.ok ? (
        <Card>
          <h2 className="text-lg font-bold text-ink">All running labs</h2>
          <p className="text-sm text-slate-600">As an organizer you can watch any lab read-only and stop it.</p>
          {all.value.labs.length ? (
            <ul className="mt-2 divide-y divide-slate-100" data-testid="organizer-labs">
              {all.value.labs.map((lab) => (
                <LabRow key={lab.id} lab={lab} organizerView />
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-sm text-slate-500" data-testid="organizer-labs-empty">
              No labs are running.
            </p>
          )}
        </Card>
      ) : null}

      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading" className="mb-3 text-lg font-bold text-ink">
          Templates
        </h2>
        {templates.length === 0 ? (
          <EmptyState title="No lab templates">Add YAML files to the templates folder.</EmptyState>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {templates.map((t) => (
              <li key={t.name} data-testid={`template-${t.name}`}>
                <Card className="flex h-full flex-col">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <h3 className="text-base font-bold text-ink">{t.title}</h3>
                    <IsolationBadge isolation={t.isolation} mode={t.mode} />
                  </div>
                  <RenderedMarkdown className="mt-2 flex-1 space-y-2 text-sm text-slate-700 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1" html={t.descriptionHtml} />
                  {t.notes.map((note) => (
                    <p key={note} className="mt-2 text-xs text-slate-500" data-testid="template-note">
                      {note}
                    </p>
                  ))}
                  <dl className="mt-4 grid grid-cols-3 gap-2 text-center text-xs sm:grid-cols-5">
                    {[
                      ["Memory", formatBytes(t.limits.memoryBytes)],
                      ["CPU", `${t.limits.cpus}`],
                      ["Processes", `${t.limits.pids}`],
                      ["Disk", formatBytes(t.limits.tmpfsBytes)],
                      ["Time", formatDuration(t.limits.ttlSeconds)],
                    ].map(([label, value]) => (
                      <div key={label} className="rounded-lg bg-slate-50 px-1 py-2">
                        <dt className="text-slate-500">{label}</dt>
                        <dd className="font-semibold text-slate-800">{value}</dd>
                      </div>
                    ))}
                  </dl>
                  <div className="mt-4">
                    {t.available || !engine.ok ? null : <p className="mb-2 text-sm text-amber-800">{t.unavailableReason}</p>}
                    <LaunchButton template={t.name} title={t.title} disabled={!t.available} />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
