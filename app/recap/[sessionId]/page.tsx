import Link from "next/link";
import { RecapSessionCard } from "@/components/recap/recap-session-card";
import { RecordingPlayer } from "@/components/recordings/recording-player";
import { Card, EmptyState, PageTitle } from "@/components/ui/card";
import { recapDeps } from "@/lib/recap/deps";
import { getSessionRecap } from "@/lib/recap/get-session-recap";
import { recordingDeps } from "@/lib/recordings/deps";
import { listSessionRecordings } from "@/lib/recordings/list-session-recordings";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Session recap" };

export default async function SessionRecapPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const user = await requireUser(`/recap/${encodeURIComponent(sessionId)}`);
  const result = await getSessionRecap(recapDeps(), user, sessionId);
  const recordings = result.ok ? await listSessionRecordings(recordingDeps(), user, sessionId) : null;
  return (
    <div className="space-y-4">
      <PageTitle
        title="Session recap"
        actions={
          <Link className="text-sm font-semibold text-moby-700 underline" href="/recap">
            Whole conference
          </Link>
        }
      />
      {result.ok ? <RecapSessionCard s={result.value} link={false} /> : <EmptyState title="No recap">{result.message}</EmptyState>}
      {recordings?.ok && recordings.value.recordings.length > 0 ? (
        <section aria-labelledby="recordings-heading">
          <Card className="space-y-4">
            <div>
              <h2 id="recordings-heading" className="font-semibold text-ink">
                Lab recording
              </h2>
              <p className="text-sm text-slate-600">Only the two of you can replay or download it.</p>
            </div>
            {recordings.value.recordings.map((r, i, all) => (
              <RecordingPlayer key={r.id} recording={r} title={all.length > 1 ? `Lab ${i + 1} of ${all.length}` : "The session's lab terminal"} />
            ))}
          </Card>
        </section>
      ) : null}
    </div>
  );
}
