import { Card } from "@/components/ui/card";
import type { SessionHistoryView } from "@/lib/booking/schema";

/** A session's history, oldest first: who did what and when (in the viewer's zone). */
export function SessionHistory({ entries }: { entries: SessionHistoryView["entries"] }) {
  if (entries.length === 0) return null;
  return (
    <Card>
      <h2 className="mb-2 text-sm font-semibold text-slate-700">History</h2>
      <ol className="space-y-1 text-sm" data-testid="session-history">
        {entries.map((e) => (
          <li key={e.id} className="flex gap-3">
            <time dateTime={e.at} className="w-32 shrink-0 text-slate-500 tabular-nums">
              {e.atLabel}
            </time>
            <span className="text-slate-800">{e.text}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
