import { Badge } from "@/components/ui/card";
import type { LabView } from "@/lib/labs/schema";
import { STATUS_LABEL, STATUS_TONE } from "./format";

export function LabStatusBadge({ status }: { status: LabView["status"] }) {
  return (
    <span data-testid="lab-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>
    </span>
  );
}

export function IsolationBadge({ isolation, mode = "container" }: { isolation: "runc" | "runsc"; mode?: "container" | "vm" }) {
  if (mode === "vm") return <Badge tone="moby">LinuxKit micro-VM</Badge>;
  return isolation === "runsc" ? <Badge tone="moby">gVisor sandbox</Badge> : <Badge tone="slate">runc container</Badge>;
}
