"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import type { LabView } from "@/lib/labs/schema";
import type { TemplateProblemView, UserTemplateView, ValidationView, VersionView } from "@/lib/templates/schema";
import { STARTER_TEMPLATE } from "./starter-template";
import { YamlEditor } from "./yaml-editor";

/** The editor checks the text this long after the last keystroke. */
const CHECK_DELAY_MS = 400;

function ProblemList({ problems }: { problems: TemplateProblemView[] }) {
  if (problems.length === 0) return null;
  return (
    <ul aria-label="Problems" data-testid="template-problems" className="space-y-1 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      {problems.map((p) => (
        <li key={`${p.line}:${p.column}:${p.field}:${p.message}`}>
          <span className="font-semibold">
            Line {p.line}, column {p.column}
          </span>{" "}
          <code className="text-xs">{p.field}</code>: {p.message}
        </li>
      ))}
    </ul>
  );
}

/** The author's templates: pick one (or start a new one), edit its YAML, save a version, try a version. */
export function MyTemplates({ initial }: { initial: UserTemplateView[] }) {
  const router = useRouter();
  const [templates, setTemplates] = useState(initial);
  const [selected, setSelected] = useState<string | null>(initial[0]?.id ?? null);
  const current = templates.find((t) => t.id === selected) ?? null;
  const [text, setText] = useState(current?.latest.yaml ?? STARTER_TEMPLATE);
  const [problems, setProblems] = useState<TemplateProblemView[]>([]);
  const [checked, setChecked] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { call, busy, pending, error } = useApiAction();
  const latestCheck = useRef(0);

  useEffect(() => {
    const n = ++latestCheck.current;
    const timer = setTimeout(async () => {
      const r = await apiFetch<ValidationView>("/api/v1/templates/validate", { method: "POST", body: { yaml: text } });
      if (n !== latestCheck.current) return;
      setProblems(r.ok ? r.data.problems : [{ line: 1, column: 1, field: "(yaml)", message: r.error.message }]);
      setChecked(text);
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  function pick(id: string | null) {
    setSelected(id);
    setNotice(null);
    setText(templates.find((t) => t.id === id)?.latest.yaml ?? STARTER_TEMPLATE);
  }

  async function save() {
    const r = await call(
      () =>
        current
          ? apiFetch<VersionView>(`/api/v1/templates/${current.id}/versions`, { method: "POST", body: { yaml: text } })
          : apiFetch<VersionView>("/api/v1/templates", { method: "POST", body: { yaml: text } }),
      { label: "save" },
    );
    if (!r.ok) return;
    const list = await apiFetch<{ items: UserTemplateView[] }>("/api/v1/templates");
    if (list.ok) setTemplates(list.data.items);
    setSelected(r.data.templateId);
    setNotice(`Saved “${r.data.title}” as version ${r.data.number}.`);
  }

  async function tryVersion(templateId: string, version: number) {
    const r = await call(() => apiFetch<LabView>(`/api/v1/templates/${templateId}/versions/${version}/try`, { method: "POST" }), { label: `try-${version}`, leaving: true });
    if (r.ok) router.push(`/labs/${r.data.id}`);
  }

  const unchanged = current !== null && text === current.latest.yaml;
  const upToDate = checked === text;
  return (
    <div className="grid gap-6 lg:grid-cols-4">
      <nav aria-label="Your templates" className="space-y-2 lg:col-span-1">
        <Button variant={selected === null ? "primary" : "secondary"} className="w-full" onClick={() => pick(null)}>
          New template
        </Button>
        <ul className="space-y-1">
          {templates.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                onClick={() => pick(t.id)}
                aria-current={t.id === selected ? "true" : undefined}
                className={`w-full rounded-lg px-3 py-2 text-left text-sm ${t.id === selected ? "bg-moby-50 font-semibold text-moby-900 ring-1 ring-moby-200" : "hover:bg-slate-50"}`}
              >
                {t.title} <span className="text-slate-500">v{t.latest.number}</span>
                {t.disabled ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">disabled</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-label="Template editor" className="min-w-0 space-y-4 lg:col-span-3">
        {current?.disabled ? (
          <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <p className="font-semibold">Disabled by an organizer — no lab of it starts.</p>
            <p className="mt-1">Reason: {current.disabled.reason}</p>
          </div>
        ) : null}
        {notice ? (
          <p role="status" className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-800">
            {notice} Attach it to an offer on{" "}
            <Link href="/offers/mine" className="font-semibold underline">
              My offers
            </Link>
            .
          </p>
        ) : null}
        <FormError message={error?.message} />
        <YamlEditor value={text} onChange={setText} problems={problems} label="Template YAML" />
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="template-check">
          {!upToDate ? "Checking…" : problems.length === 0 ? "No problems: the template can be saved." : `${problems.length} problem${problems.length === 1 ? "" : "s"}.`}
        </p>
        <ProblemList problems={upToDate ? problems : []} />
        <div className="flex flex-wrap gap-2">
          <Button onClick={save} disabled={busy || unchanged}>
            {pending === "save" ? "Saving…" : current ? "Save as a new version" : "Save template"}
          </Button>
        </div>
        {current ? (
          <Card>
            <h2 className="mb-2 text-base font-semibold text-ink">Versions</h2>
            <p className="mb-3 text-sm text-slate-600">Each save is a version of its own; an offer keeps the version it names. Try a version in a private lab of yours.</p>
            <ul className="divide-y divide-slate-100">
              {[...current.versions].reverse().map((v) => (
                <li key={v.number} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="template-version">
                  <span className="text-sm">
                    <span className="font-semibold">Version {v.number}</span> <span className="text-slate-500">· {new Date(v.createdAt).toLocaleString()}</span>
                  </span>
                  <Button variant="secondary" onClick={() => tryVersion(current.id, v.number)} disabled={busy || current.disabled !== null}>
                    {pending === `try-${v.number}` ? "Starting…" : `Try version ${v.number}`}
                  </Button>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </section>
    </div>
  );
}
