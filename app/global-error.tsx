"use client";

import { ErrorNotice } from "@/components/layout/error-notice";
import "./globals.css";

/** When the root layout itself fails it is replaced, so this brings its own html, body and brand. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-3">
            <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-moby-500 text-lg font-black text-white">
              M
            </span>
            <span className="text-sm font-bold text-ink">Mingle</span>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6 sm:py-10">
          <ErrorNotice reset={reset} />
        </main>
      </body>
    </html>
  );
}
