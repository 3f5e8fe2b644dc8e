import { defineOperation } from "@/lib/api/operation";
import { labParams } from "@/lib/labs/schema";
import { openPreviewInput, previewLink } from "@/lib/preview/schema";

export const previewOperations = {
  open: defineOperation({
    id: "openLabPreview",
    method: "POST",
    path: "/api/v1/labs/{id}/previews",
    summary:
      "A single-use link (valid PREVIEW_TOKEN_TTL_SECONDS) to a port the lab's template declares, served from the preview origin (PREVIEW_ORIGIN). Participants; organizers read-only (GET and HEAD).",
    tag: "Labs",
    access: "user",
    params: labParams,
    body: openPreviewInput,
    response: previewLink,
    errors: ["VALIDATION_FAILED", "LAB_NOT_FOUND", "FORBIDDEN", "PREVIEW_PORT_NOT_DECLARED", "LAB_NOT_READY"],
  }),
};
