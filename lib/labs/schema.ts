import { z } from "zod";
import { LAB_STATUSES } from "@/lib/labs/repo";
import { singleLine } from "@/lib/text-input";

/** zod shapes for the labs slice's edges (HTTP API and socket events). */

export const labId = z.string().regex(/^l[0-9a-f]{20}$/, "must be a lab id (an l followed by 20 hex digits)");

export const labParams = z.object({ id: labId });

export const launchInput = z.strictObject({
  template: singleLine("The template", { error: 'Name the template to launch, e.g. "shell".' }).min(1, 'Name the template to launch, e.g. "shell".').max(40),
});
export type LaunchBody = z.infer<typeof launchInput>;

export const listLabsQuery = z.object({
  /** mine: labs you take part in; all: every running lab (organizers only). */
  scope: z.enum(["mine", "all"]).default("mine"),
});

export const engineStatusView = z.object({
  ok: z.boolean(),
  engine: z.string(),
  version: z.string().optional(),
  runtimes: z.array(z.string()),
  reason: z.string().optional(),
});
export type EngineStatusView = z.infer<typeof engineStatusView>;

export const templateView = z.object({
  name: z.string(),
  title: z.string(),
  descriptionHtml: z.string(),
  isolation: z.enum(["runc", "runsc"]),
  /** container: a hardened pod on the engine; vm: the LinuxKit OS booted in a micro-VM. */
  mode: z.enum(["container", "vm"]),
  /** What this mode ignores of the LinuxKit file (e.g. kernel and init in container mode). */
  notes: z.array(z.string()),
  limits: z.object({ memoryBytes: z.number(), cpus: z.number(), pids: z.number(), tmpfsBytes: z.number(), ttlSeconds: z.number() }),
  /** false when the engine lacks the template's runtime (e.g. gVisor not installed). */
  available: z.boolean(),
  unavailableReason: z.string().optional(),
});
export type TemplateView = z.infer<typeof templateView>;

export const templateList = z.object({ templates: z.array(templateView), engine: engineStatusView });
export type TemplateList = z.infer<typeof templateList>;

export const labView = z.object({
  id: z.string(),
  template: z.object({ name: z.string(), title: z.string(), isolation: z.enum(["runc", "runsc"]), mode: z.enum(["container", "vm"]) }),
  status: z.enum(LAB_STATUSES),
  failureReason: z.string().nullable(),
  /** The lab that took over when this one's host went down or it was moved: the page links to it. */
  replacedBy: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  participantIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
  /** What the signed-in user may do with this lab (same rules the server enforces). */
  viewer: z.object({ participant: z.boolean(), canType: z.boolean(), canStop: z.boolean() }),
});
export type LabView = z.infer<typeof labView>;

export const labList = z.object({ labs: z.array(labView) });
export type LabList = z.infer<typeof labList>;

/** Socket: client → server `lab:watch` / `lab:unwatch`. */
export const watchInput = z.strictObject({ labId });

/** Socket: server → client `lab:status`, to room `lab:<id>`. */
export const labStatusEvent = z.object({
  labId: z.string(),
  status: z.enum(LAB_STATUSES),
  reason: z.string().optional(),
  at: z.string(),
  /** While CREATING: what the launch waits for, e.g. an image pull, with bytes when known. */
  progress: z.object({ message: z.string(), done: z.number().optional(), total: z.number().optional() }).optional(),
  replacedBy: z.string().optional(),
});
export type LabStatusEvent = z.infer<typeof labStatusEvent>;

export type WatchInput = z.infer<typeof watchInput>;
export type LabWatchAck = { ok: true; lab: LabView } | { ok: false; error: { code: string; message: string } };
