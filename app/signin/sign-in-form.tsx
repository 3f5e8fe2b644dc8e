"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError, TextInput } from "@/components/ui/field";
import { credentialsSignIn } from "@/components/credentials-sign-in";
import { useApiAction } from "@/components/use-api-action";

export function SignInForm({ callbackUrl, github, initialError }: { callbackUrl: string; github: boolean; initialError: string | null }) {
  const { call, busy, error } = useApiAction(initialError);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const signedIn = await call(() => credentialsSignIn(form.get("email"), form.get("password"), "E-mail or password is incorrect."), { leaving: true });
    if (signedIn.ok) window.location.assign(callbackUrl);
  }

  return (
    <div className="mx-auto max-w-md">
      <Card className="p-6 sm:p-8">
        <h1 className="text-2xl font-bold text-ink">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">Welcome back to the mingle.</p>
        <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
          <FormError message={error?.message} />
          <Field label="E-mail" htmlFor="email">
            <TextInput id="email" name="email" type="email" autoComplete="email" required />
          </Field>
          <Field label="Password" htmlFor="password">
            <TextInput id="password" name="password" type="password" autoComplete="current-password" required />
          </Field>
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </Button>
        </form>
        {github ? (
          <Button variant="secondary" className="mt-3 w-full" onClick={() => signIn("github", { callbackUrl })}>
            Continue with GitHub
          </Button>
        ) : null}
        <p className="mt-6 text-center text-sm text-slate-600">
          New here?{" "}
          <Link href="/signup" className="font-semibold text-moby-700 hover:underline">
            Create an account
          </Link>
        </p>
      </Card>
    </div>
  );
}
