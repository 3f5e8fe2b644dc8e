import Link from "next/link";
import { notFound } from "next/navigation";
import { LabLive } from "@/components/labs/lab-live";
import { LabPreview } from "@/components/labs/lab-preview";
import { RecordingBadge } from "@/components/recordings/recording-badge";
import { EmptyState } from "@/components/ui/card";
import { labUseCaseDeps } from "@/lib/labs/deps";
import { labParams } from "@/lib/labs/schema";
import { getLab } from "@/lib/labs/get-lab";
import { labTemplates } from "@/lib/labs/templates";
import { listPreviewPorts } from "@/lib/preview/list-preview-ports";
import { recordingDeps } from "@/lib/recordings/deps";
import { labRecordingBadge } from "@/lib/recordings/lab-recording-badge";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Lab" };

export default async function LabPage({ params }: { params: Promise<{ id: string }> }) {
  const raw = await params;
  const user = await requireUser(`/labs/${encodeURIComponent(raw.id)}`);
  const parsed = labParams.safeParse(raw);
  if (!parsed.success) notFound();
  const lab = await getLab(labUseCaseDeps(), user, parsed.data.id);
  if (!lab.ok) {
    if (lab.code === "LAB_NOT_FOUND") notFound();
    return (
      <EmptyState title="You can't open this lab">
        <p data-testid="lab-refused">{lab.message}</p>
        <Link href="/labs" className="mt-3 inline-block font-semibold text-moby-700 underline">
          Back to labs
        </Link>
      </EmptyState>
    );
  }
  const recording = await labRecordingBadge(recordingDeps(), lab.value.id);
  return (
    <div className="space-y-4">
      <LabLive initial={lab.value} badges={<RecordingBadge labId={lab.value.id} initial={recording} />} />
      <LabPreview labId={lab.value.id} ports={listPreviewPorts(labTemplates, lab.value.template.name)} />
    </div>
  );
}
