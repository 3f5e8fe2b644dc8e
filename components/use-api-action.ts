"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { type ApiError, type ApiResult, apiFetch } from "@/components/api-client";

export interface ActionOptions {
  /** Which of the component's buttons is working, so only its label changes ("Accepting…"). */
  label?: string;
  /** Re-render the server page after a success: the data it loaded has changed. */
  refresh?: boolean;
  /** Stay busy after a success: the page is about to navigate away. */
  leaving?: boolean;
}

/** An error the browser found itself (nothing picked yet, the clipboard refused), shaped like the API's. */
export const clientError = (message: string): ApiError => ({ code: "CLIENT", message });

/**
 * The one busy/error/fetch helper for client components: while a call runs the action is busy (its
 * buttons disabled, their labels "Saving…"), a failure is kept to show, and the result comes back.
 */
export function useApiAction(initialError: string | null = null) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [error, setError] = useState<ApiError | null>(initialError === null ? null : clientError(initialError));
  const [pending, setPending] = useState<string | null>(null);

  // Stable functions, so a component may list them as effect dependencies.
  /** Any request that answers like apiFetch. */
  const call = useCallback(
    async <T>(request: () => Promise<ApiResult<T>>, options: ActionOptions = {}): Promise<ApiResult<T>> => {
      setPending(options.label ?? "busy");
      setError(null);
      const result = await request();
      if (!result.ok || !options.leaving) setPending(null);
      if (!result.ok) setError(result.error);
      else if (options.refresh) startTransition(() => router.refresh());
      return result;
    },
    [router],
  );
  /** apiFetch through call(); the server page re-renders on success unless `refresh: false`. */
  const run = useCallback(
    <T = unknown>(url: string, init: { method?: string; body?: unknown } = {}, options: ActionOptions = {}) => call(() => apiFetch<T>(url, init), { refresh: true, ...options }),
    [call],
  );
  const fail = useCallback((message: string) => setError(clientError(message)), []);
  const clearError = useCallback(() => setError(null), []);

  /** `pending` is the label of the call in flight, for a component with several buttons. */
  return { call, run, busy: pending !== null, pending, error, fail, clearError };
}
