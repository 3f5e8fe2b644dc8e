"use client";

import { ErrorNotice } from "@/components/layout/error-notice";

/** A page that failed, inside Mingle's layout (header and all), instead of a bare 500. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorNotice reset={reset} />;
}
