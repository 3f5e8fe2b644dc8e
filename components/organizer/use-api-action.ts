"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { apiFetch, type ApiError } from "@/components/api-client";

/** Calls /api/v1, keeps the error to show, and re-renders the server page on success. */
export function useApiAction() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();

  async function run<T>(url: string, init: { method: string; body?: unknown }): Promise<T | null> {
    setBusy(true);
    setError(null);
    const res = await apiFetch<T>(url, init);
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return null;
    }
    startTransition(() => router.refresh());
    return res.data;
  }
  return { run, error, busy, clearError: () => setError(null) };
}
