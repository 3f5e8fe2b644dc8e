import { z } from "zod";
import { FILE_ROOTS, MAX_PATH_BYTES } from "@/lib/labs/lab-paths";
import { labId } from "@/lib/labs/schema";
import { singleLine } from "@/lib/text-input";

/** zod shapes for the lab workspace's edges: files, checks, extend. */

export const fileQuery = z.object({
  root: z.enum(FILE_ROOTS, { error: 'The root must be "/home/lab" or "/lab".' }).default("/home/lab"),
  /** Relative to the root; "" is the root itself. */
  path: singleLine("The path").max(MAX_PATH_BYTES).default(""),
});
export type FileQuery = z.infer<typeof fileQuery>;

export const fileEntryView = z.object({
  name: z.string(),
  type: z.enum(["file", "dir", "symlink", "other"]),
  size: z.number(),
  modifiedAt: z.string(),
});

export const directoryView = z.object({
  root: z.enum(FILE_ROOTS),
  /** The directory, relative to its root, symlinks resolved. */
  path: z.string(),
  entries: z.array(fileEntryView),
  /** More entries than the listing shows. */
  truncated: z.boolean(),
  /** Bytes the directory's file system still has (the lab's tmpfs size less what is used). */
  freeBytes: z.number(),
  writable: z.boolean(),
});
export type DirectoryView = z.infer<typeof directoryView>;

export const fileContentView = z.object({ root: z.enum(FILE_ROOTS), path: z.string(), size: z.number(), content: z.string(), writable: z.boolean() });
export type FileContentView = z.infer<typeof fileContentView>;

export const uploadedView = z.object({ root: z.enum(FILE_ROOTS), path: z.string(), size: z.number() });
export type UploadedView = z.infer<typeof uploadedView>;

export const checkResultView = z.object({
  passed: z.boolean(),
  exitCode: z.number(),
  /** stdout and stderr, cut at a few KiB. */
  output: z.string(),
  timedOut: z.boolean(),
  durationMs: z.number(),
  at: z.string(),
  byName: z.string(),
});
export type CheckResultView = z.infer<typeof checkResultView>;

export const checkView = z.object({ name: z.string(), hint: z.string(), last: checkResultView.nullable() });
export type CheckView = z.infer<typeof checkView>;

export const checkList = z.object({ checks: z.array(checkView), canRun: z.boolean() });
export type CheckList = z.infer<typeof checkList>;

export const runCheckInput = z.strictObject({ name: singleLine("The check's name").min(1, "Name the check to run.").max(80) });

export const extendView = z.object({
  labId: z.string(),
  expiresAt: z.string(),
  /** How much one extension adds, and the latest end the template allows. */
  stepSeconds: z.number(),
  latestEnd: z.string(),
  canExtend: z.boolean(),
  /** Why not, when canExtend is false. */
  reason: z.string().optional(),
});
export type ExtendView = z.infer<typeof extendView>;

/** Socket: server → client `lab:extended`, to room `lab:<id>`. */
export const labExtendedEvent = z.object({ labId, expiresAt: z.string(), by: z.string() });
export type LabExtendedEvent = z.infer<typeof labExtendedEvent>;

/** Socket: server → client `lab:checked`, to room `lab:<id>`: a participant ran a check. */
export const labCheckedEvent = z.object({ labId, check: checkView });
export type LabCheckedEvent = z.infer<typeof labCheckedEvent>;
