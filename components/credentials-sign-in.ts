"use client";

import { signIn } from "next-auth/react";
import type { ApiResult } from "@/components/api-client";

/** next-auth's credentials sign-in, answered like apiFetch so useApiAction can run it. */
export async function credentialsSignIn(email: FormDataEntryValue | null, password: FormDataEntryValue | null, refused?: string): Promise<ApiResult<null>> {
  const result = await signIn("credentials", { email, password, redirect: false });
  if (!result?.error) return { ok: true, status: result?.status ?? 200, data: null };
  const message = result.error === "CredentialsSignin" && refused ? refused : result.error;
  return { ok: false, status: result.status, error: { code: "SIGN_IN_FAILED", message } };
}
