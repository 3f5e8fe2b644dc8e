import type { LabTemplate } from "@/lib/labs/template-schema";

/** The ports a lab's template declares for preview (x-mingle.ports), for the lab page's tabs. */
export function listPreviewPorts(templates: () => Map<string, LabTemplate>, templateName: string): { port: number; label: string }[] {
  return templates().get(templateName)?.ports ?? [];
}
