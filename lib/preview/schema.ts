import { z } from "zod";

/** zod shapes for the port preview's API edge. */
export const openPreviewInput = z.strictObject({
  port: z.number().int().min(1, "must be a port number (1-65535)").max(65535, "must be a port number (1-65535)"),
});

export const previewLink = z.object({
  /** Open this (in a frame or a new tab) within expiresAt: it works once. */
  url: z.string(),
  port: z.number().int(),
  expiresAt: z.string(),
  /** Organizers who do not take part: GET and HEAD only. */
  readOnly: z.boolean(),
});
export type PreviewLink = z.infer<typeof previewLink>;
