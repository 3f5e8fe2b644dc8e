"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { outageMessage } from "@/lib/dependency-outage";

/**
 * What app/error.tsx and app/global-error.tsx show. In production the browser never sees a
 * server error's message, only its digest, so the page asks /api/health whether the database is
 * down, and says so when it is.
 */
export function ErrorNotice({ reset }: { reset: () => void }) {
  const router = useRouter();
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    fetch("/api/health", { cache: "no-store" })
      .then((r) => r.json() as Promise<{ database?: { ok?: boolean } }>)
      .then((health) => setDatabaseDown(health.database?.ok === false))
      .catch(() => undefined);
  }, []);
  // Re-render the server part of the page, then clear the error, in one transition.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <Card className="mx-auto max-w-xl space-y-3 text-center">
      <h1 className="text-xl font-bold text-ink" data-testid="error-title">
        {databaseDown ? outageMessage("database") : "Something went wrong on our side."}
      </h1>
      <p className="text-sm text-slate-600">
        {databaseDown
          ? "Mingle cannot reach its database right now. Nothing you sent before is lost; this page works again once it is back."
          : "Please try again. If it keeps happening, tell the organizers."}
      </p>
      <Button onClick={retry}>Try again</Button>
    </Card>
  );
}
