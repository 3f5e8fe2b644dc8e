"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useApiAction } from "@/components/use-api-action";
import { Card } from "@/components/ui/card";
import { Field, FormError, TextArea, TextInput } from "@/components/ui/field";
import type { ProfileView } from "@/lib/profiles/schema";
import { splitTags, TagDatalist } from "@/components/ui/tag-datalist";
import { RenderedMarkdown } from "@/components/ui/rendered-markdown";
import { SaveRow } from "@/components/ui/save-row";

type Meter = { percent: number; nextStep: string | null };

export function ProfileForm({ profile, meter, tags }: { profile: ProfileView; meter: Meter; tags: Array<{ slug: string; label: string }> }) {
  const [saved, setSaved] = useState<ProfileView>(profile);
  const { call, busy, error } = useApiAction();
  const fields = error?.fields ?? {};
  const [justSaved, setJustSaved] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setJustSaved(false);
    const body = {
      name: form.get("name"),
      headline: form.get("headline"),
      company: form.get("company"),
      bio: form.get("bio"),
      timeZone: form.get("timeZone"),
      visibility: form.get("visibility"),
      offerTags: splitTags(form.get("offerTags")),
      seekTags: splitTags(form.get("seekTags")),
    };
    const result = await call(() => apiFetch<ProfileView>("/api/v1/profile", { method: "PATCH", body }));
    if (!result.ok) return;
    setSaved(result.data);
    setJustSaved(true);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Card className="lg:col-span-2">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={error?.message} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" htmlFor="name" error={fields.name}>
              <TextInput id="name" name="name" defaultValue={saved.name} invalid={Boolean(fields.name)} />
            </Field>
            <Field label="Company" htmlFor="company" error={fields.company}>
              <TextInput id="company" name="company" defaultValue={saved.company ?? ""} />
            </Field>
          </div>
          <Field label="Headline" htmlFor="headline" error={fields.headline} hint="One line, e.g. “Runs CI for 400 engineers on Swarm”.">
            <TextInput id="headline" name="headline" defaultValue={saved.headline} />
          </Field>
          <Field label="Bio" htmlFor="bio" error={fields.bio} hint="Markdown works: **bold**, lists, links.">
            <TextArea id="bio" name="bio" rows={5} defaultValue={saved.bio ?? ""} />
          </Field>
          <Field
            label="Topics I can help with"
            htmlFor="offerTags"
            error={fields.offerTags ?? Object.entries(fields).find(([k]) => k.startsWith("offerTags"))?.[1]}
            hint="Comma-separated; k8s becomes kubernetes."
          >
            <TextInput id="offerTags" name="offerTags" list="tag-list" defaultValue={saved.offerTags.join(", ")} />
          </Field>
          <Field label="Topics I want to learn" htmlFor="seekTags" error={fields.seekTags ?? Object.entries(fields).find(([k]) => k.startsWith("seekTags"))?.[1]}>
            <TextInput id="seekTags" name="seekTags" list="tag-list" defaultValue={saved.seekTags.join(", ")} />
          </Field>
          <TagDatalist id="tag-list" tags={tags} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Time zone" htmlFor="timeZone" error={fields.timeZone}>
              <TextInput id="timeZone" name="timeZone" defaultValue={saved.timeZone} />
            </Field>
            <Field label="Who can see my profile" htmlFor="visibility" error={fields.visibility}>
              <select id="visibility" name="visibility" defaultValue={saved.visibility} className="block w-full rounded-lg border-0 px-3 py-2 ring-1 ring-inset ring-slate-300">
                <option value="FULL">Everyone: full profile</option>
                <option value="BASIC">Everyone: name, headline and topics</option>
                <option value="HIDDEN">Only people I meet</option>
              </select>
            </Field>
          </div>
          <SaveRow label="Save profile" busy={busy} saved={justSaved} savedText="Saved" />
        </form>
      </Card>
      <Card>
        <h2 className="font-semibold text-ink">Profile strength</h2>
        <div className="mt-3 h-3 w-full overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={meter.percent} aria-valuemin={0} aria-valuemax={100}>
          <div className="h-full rounded-full bg-moby-500" style={{ width: `${meter.percent}%` }} />
        </div>
        <p className="mt-2 text-sm font-medium">{meter.percent}% complete</p>
        {meter.nextStep ? <p className="mt-2 text-sm text-slate-600">Next: {meter.nextStep}</p> : <p className="mt-2 text-sm text-green-700">Looking great.</p>}
        {saved.bioHtml ? <RenderedMarkdown className="mt-4 border-t border-slate-100 pt-4 text-sm" html={saved.bioHtml} /> : null}
      </Card>
    </div>
  );
}
