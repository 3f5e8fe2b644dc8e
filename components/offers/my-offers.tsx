"use client";

import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Field, FormError, TextArea, TextInput } from "@/components/ui/field";
import { LEVEL_LABELS } from "@/lib/offers/rules";
import { OFFER_LENGTHS, OFFER_LEVELS, type OfferView } from "@/lib/offers/schema";
import { OfferBadges, TagList } from "./offer-badges";
import { splitTags, TagDatalist } from "@/components/ui/tag-datalist";
import { useApiAction } from "@/components/use-api-action";

const select = "block w-full rounded-lg border-0 bg-white px-3 py-2 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-moby-600 aria-[invalid=true]:ring-red-500";

/** A bad tag is reported per item ("tags.2"); the form has one tags field to show it on. */
function tagFieldFirst(fields: Record<string, string>): Record<string, string> {
  return { ...fields, tags: fields.tags ?? Object.entries(fields).find(([k]) => k.startsWith("tags."))?.[1] ?? "" };
}

/** One of the person's own template versions (lib/templates), as the lab choice names it. */
export interface OwnTemplateOption {
  name: string;
  label: string;
}

function OfferForm({
  offer,
  templates,
  ownTemplates = [],
  tags,
  onSaved,
  onCancel,
}: {
  offer?: OfferView;
  templates: string[];
  ownTemplates?: OwnTemplateOption[];
  tags: Array<{ slug: string; label: string }>;
  onSaved: (offer: OfferView) => void;
  onCancel?: () => void;
}) {
  const { call, busy, error } = useApiAction();
  const fields = tagFieldFirst(error?.fields ?? {});
  const prefix = offer ? `edit-${offer.id}` : "new";

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = {
      title: form.get("title"),
      description: form.get("description"),
      tags: splitTags(form.get("tags")),
      level: form.get("level"),
      lengthMinutes: Number(form.get("lengthMinutes")),
      labTemplate: form.get("labTemplate") || null,
    };
    const r = await call(() =>
      offer ? apiFetch<OfferView>(`/api/v1/offers/${offer.id}`, { method: "PATCH", body }) : apiFetch<OfferView>("/api/v1/offers", { method: "POST", body }),
    );
    if (!r.ok) return;
    if (!offer) formElement.reset();
    onSaved(r.data);
  }

  const id = (name: string) => `${prefix}-${name}`;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label={offer ? `Edit ${offer.title}` : "New offer"}>
      <FormError message={error?.message} />
      <Field label="Title" htmlFor={id("title")} error={fields.title} hint="What you can help with, in a line (3–120 characters).">
        <TextInput id={id("title")} name="title" defaultValue={offer?.title} invalid={Boolean(fields.title)} />
      </Field>
      <Field label="Description" htmlFor={id("description")} error={fields.description} hint="Markdown works: **bold**, lists, links.">
        <TextArea id={id("description")} name="description" rows={5} defaultValue={offer?.description} invalid={Boolean(fields.description)} />
      </Field>
      <Field label="Tags" htmlFor={id("tags")} error={fields.tags || undefined} hint="Up to 8, comma-separated; k8s becomes kubernetes.">
        <TextInput id={id("tags")} name="tags" list="offer-tag-list" defaultValue={offer?.tags.join(", ")} invalid={Boolean(fields.tags)} />
      </Field>
      <TagDatalist id="offer-tag-list" tags={tags} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Level" htmlFor={id("level")} error={fields.level}>
          <select id={id("level")} name="level" defaultValue={offer?.level ?? "PRACTITIONER"} className={select} aria-invalid={Boolean(fields.level) || undefined}>
            {OFFER_LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Session length" htmlFor={id("lengthMinutes")} error={fields.lengthMinutes}>
          <select id={id("lengthMinutes")} name="lengthMinutes" defaultValue={String(offer?.lengthMinutes ?? 20)} className={select}>
            {OFFER_LENGTHS.map((l) => (
              <option key={l} value={String(l)}>
                {l} minutes
              </option>
            ))}
          </select>
        </Field>
        <div className="sm:col-span-2">
          <Field
            label="Lab template"
            htmlFor={id("labTemplate")}
            error={fields.labTemplate}
            hint={
              <>
                Optional: real containers you and your guest can type into during the session.{" "}
                <Link href="/templates" className="font-medium text-moby-700 underline">
                  Write your own template
                </Link>
              </>
            }
          >
            <select id={id("labTemplate")} name="labTemplate" defaultValue={offer?.labTemplate ?? ""} className={select} aria-invalid={Boolean(fields.labTemplate) || undefined}>
              <option value="">No lab</option>
              {templates.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
              {ownTemplates.length ? (
                <optgroup label="Your own templates">
                  {ownTemplates.map((t) => (
                    <option key={t.name} value={t.name}>
                      {t.label}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </Field>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : offer ? "Save changes" : "Publish offer"}
        </Button>
        {onCancel ? (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export function MyOffers({
  initial,
  templates,
  ownTemplates,
  disabledTemplates = {},
  tags,
}: {
  initial: OfferView[];
  templates: string[];
  ownTemplates?: OwnTemplateOption[];
  /** Lab template name → why an organizer disabled it. */
  disabledTemplates?: Record<string, string>;
  tags: Array<{ slug: string; label: string }>;
}) {
  const [offers, setOffers] = useState(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const { call, error } = useApiAction();
  const [notice, setNotice] = useState<string | null>(null);

  const replace = (o: OfferView) => setOffers((list) => list.map((x) => (x.id === o.id ? o : x)));

  async function setActive(o: OfferView, active: boolean) {
    const r = await call(() => apiFetch<OfferView>(`/api/v1/offers/${o.id}`, { method: "PATCH", body: { active } }));
    if (r.ok) replace(r.data);
  }

  async function remove(o: OfferView) {
    if (!window.confirm(`Delete “${o.title}”?`)) return;
    const r = await call(() => apiFetch(`/api/v1/offers/${o.id}`, { method: "DELETE" }));
    if (r.ok) setOffers((list) => list.filter((x) => x.id !== o.id));
  }

  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <section aria-label="Your offers" className="space-y-4 lg:col-span-3">
        <FormError message={error?.message} />
        {notice ? (
          <p role="status" className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-800">
            {notice}
          </p>
        ) : null}
        {offers.length === 0 ? (
          <EmptyState title="You have no offers yet">Publish one with the form: people searching for your topics will find it.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {offers.map((o) => (
              <li key={o.id} data-testid="my-offer">
                <Card>
                  {o.hidden ? (
                    <div role="alert" data-testid="hidden-notice" className="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
                      <p className="font-semibold">Hidden by an organizer — nobody else can see it.</p>
                      <p className="mt-1">Reason: {o.hidden.reason}</p>
                    </div>
                  ) : null}
                  {o.labTemplate && disabledTemplates[o.labTemplate] !== undefined ? (
                    <div role="alert" data-testid="lab-disabled" className="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
                      <p className="font-semibold">Its lab template was disabled by an organizer: no lab starts from it.</p>
                      <p className="mt-1">Reason: {disabledTemplates[o.labTemplate]}</p>
                    </div>
                  ) : null}
                  {editing === o.id ? (
                    <OfferForm
                      offer={o}
                      templates={templates}
                      ownTemplates={ownTemplates}
                      tags={tags}
                      onSaved={(saved) => {
                        replace(saved);
                        setEditing(null);
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    <div className="space-y-3">
                      <div className="flex flex-wrap items-start justify-between gap-2">
                        <h3 className="text-base font-semibold text-ink">
                          <Link href={`/offers/${o.id}`} className="hover:underline">
                            {o.title}
                          </Link>
                        </h3>
                        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${o.active ? "bg-green-100 text-green-800" : "bg-slate-200 text-slate-700"}`}>
                          {o.active ? "Published" : "Paused"}
                        </span>
                      </div>
                      <OfferBadges level={o.level} lengthMinutes={o.lengthMinutes} labTemplate={o.labTemplate} />
                      {o.excerpt ? <p className="text-sm text-slate-700">{o.excerpt}</p> : null}
                      <TagList tags={o.tags} />
                      <div className="flex flex-wrap gap-2 pt-1">
                        <Button variant="secondary" onClick={() => setEditing(o.id)}>
                          Edit
                        </Button>
                        <Button variant="secondary" onClick={() => setActive(o, !o.active)}>
                          {o.active ? "Pause" : "Resume"}
                        </Button>
                        <Button variant="ghost" onClick={() => remove(o)}>
                          Delete
                        </Button>
                      </div>
                    </div>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <aside className="lg:col-span-2">
        <Card>
          <h2 className="mb-4 text-lg font-semibold text-ink">New offer</h2>
          <OfferForm
            templates={templates}
            ownTemplates={ownTemplates}
            tags={tags}
            onSaved={(o) => {
              setOffers((list) => [o, ...list]);
              setNotice(`Published “${o.title}”.`);
            }}
          />
        </Card>
      </aside>
    </div>
  );
}
