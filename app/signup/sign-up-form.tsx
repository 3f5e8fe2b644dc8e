"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError, TextInput } from "@/components/ui/field";
import { apiFetch } from "@/components/api-client";
import { credentialsSignIn } from "@/components/credentials-sign-in";
import { useApiAction } from "@/components/use-api-action";

export function SignUpForm() {
  const { call, busy, error } = useApiAction();
  const fields = error?.fields ?? {};

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
    const signedIn = await call(
      async () => {
        const created = await apiFetch("/api/v1/auth/signup", { method: "POST", body });
        return created.ok ? credentialsSignIn(body.email, body.password) : created;
      },
      { leaving: true },
    );
    if (signedIn.ok) window.location.assign("/profile?welcome=1");
  }

  return (
    <div className="mx-auto max-w-md">
      <Card className="p-6 sm:p-8">
        <h1 className="text-2xl font-bold text-ink">Create your account</h1>
        <p className="mt-1 text-sm text-slate-600">Offer what you know, meet who you need.</p>
        <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
          <FormError message={error?.message} />
          <Field label="Name" htmlFor="name" error={fields.name}>
            <TextInput id="name" name="name" autoComplete="name" required invalid={Boolean(fields.name)} />
          </Field>
          <Field label="E-mail" htmlFor="email" error={fields.email}>
            <TextInput id="email" name="email" type="email" autoComplete="email" required invalid={Boolean(fields.email)} />
          </Field>
          <Field label="Password" htmlFor="password" error={fields.password} hint="At least 10 characters; a short sentence works well.">
            <TextInput id="password" name="password" type="password" autoComplete="new-password" required invalid={Boolean(fields.password)} />
          </Field>
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? "Creating account…" : "Create account"}
          </Button>
        </form>
        <p className="mt-6 text-center text-sm text-slate-600">
          Already have an account?{" "}
          <Link href="/signin" className="font-semibold text-moby-700 hover:underline">
            Sign in
          </Link>
        </p>
      </Card>
    </div>
  );
}
