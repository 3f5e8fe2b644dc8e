import type { z } from "zod";
import { type LinuxkitFile, type LinuxkitImage, type LinuxkitTemplate, limitsSchema } from "@/lib/labs/linuxkit-schema";

/**
 * What a lab is made of, whichever mode runs it. A template file is LinuxKit YAML
 * (linuxkit-schema.ts); `toLabTemplate` checks it against its isolation mode and gives this shape.
 *
 * - container: onboot containers run to completion in order, then services run in one hardened
 *   pod on the engine; `kernel`, `init` and `onshutdown` are ignored (the card says so), and the
 *   fields that would break the sandbox are refused, naming the field and that vm mode allows it.
 * - vm: the whole file is built into a kernel and an initrd (linuxkit-initrd.ts) and booted under
 *   qemu in one hardened container; inside the VM the LinuxKit fields apply as written.
 */
export type LabMode = "container" | "vm";

export interface ContainerSpec {
  name: string;
  image: string;
  /** The image's own command when left out. */
  command?: string[];
  env: Record<string, string>;
  /** "uid:gid" (container mode: never root; the lab user when left out). */
  user?: string;
  cwd?: string;
  /** The container as written in the file: what vm mode turns into an OCI config.json. */
  linuxkit?: LinuxkitImage;
}

export interface ServiceSpec extends ContainerSpec {
  interactive: boolean;
}

export interface LabFile {
  /** Absolute: under /lab (the lab volume) in container mode; anywhere in the VM's root in vm mode. */
  path: string;
  contents: string;
  mode: number;
  kind?: "file" | "dir" | "symlink";
  target?: string;
  uid?: number;
  gid?: number;
}

export type LabLimits = z.infer<typeof limitsSchema> & { ttl: number };

export interface LabTemplate {
  name: string;
  title: string;
  description: string;
  mode?: LabMode;
  /**
   * The OCI runtime of the lab's containers on the engine (runc or runsc), read by admission and
   * placement. A vm lab's one container (qemu) runs under runc: the VM is its sandbox.
   */
  isolation: "runc" | "runsc";
  limits: LabLimits;
  files: LabFile[];
  onboot: ContainerSpec[];
  services: ServiceSpec[];
  onshutdown?: ContainerSpec[];
  kernel?: { image: string; cmdline: string };
  init?: string[];
  /** What this mode ignores of the file, said on the template card. */
  notes?: string[];
  /** The file's text (its content hash keys the built initrd). */
  source?: string;
  /** HTTP ports the lab page previews (x-mingle.ports), lowest first. */
  ports?: { port: number; label: string }[];
  /** Session labs' terminal recording (x-mingle.recording); on, without input, when left out. */
  recording?: { enabled: boolean; input: boolean };
  checks?: LabCheck[];
  /** Seconds one extension adds, and the longest the lab may run from its start. */
  extend?: { step: number; max: number };
  /** Set for a person's own template (lib/templates), not a file of the directory. */
  origin?: TemplateOrigin;
}

export interface TemplateOrigin {
  authorId: string;
  templateId: string;
  version: number;
  /** An organizer disabled it: no new launches, for this reason. */
  disabledReason?: string;
}

/** A check a participant runs from the lab page (x-mingle.checks). */
export interface LabCheck {
  name: string;
  command: string;
  hint: string;
  /** Seconds before the check counts as failed and is killed. */
  timeout: number;
}

export interface TemplateIssue {
  path: (string | number)[];
  message: string;
}

const VM_ALLOWS = "isolation: vm allows it (the VM is the sandbox)";

/** Container fields container mode refuses, and why. Every one is allowed in vm mode. */
const CONTAINER_REFUSED: Partial<Record<keyof LinuxkitImage, string>> = {
  capabilities: "extra capabilities would weaken the container sandbox (every lab container drops all)",
  ambient: "ambient capabilities would weaken the container sandbox",
  binds: "host bind mounts would expose the engine's host",
  "binds.add": "host bind mounts would expose the engine's host",
  mounts: "mounts would expose the engine's host",
  devices: "host devices would expose the engine's host",
  net: "the lab's containers share one network namespace of their own (no network)",
  pid: "host or shared PID namespaces would expose other processes",
  ipc: "host or shared IPC namespaces would expose other processes",
  uts: "the lab's UTS namespace is its own",
  userns: "user namespaces are the engine's to set",
  hostname: "the lab's containers share the pod's host name",
  sysctl: "sysctls are not applied to lab containers",
  rlimits: "rlimits are not applied to lab containers",
  resources: "the lab's resources come from x-mingle.limits",
  cgroupsPath: "cgroups are the engine's to place",
  rootfsPropagation: "mount propagation is not applied to lab containers",
  oomScoreAdj: "OOM scores are not applied to lab containers",
  maskedPaths: "masked paths are the engine's defaults",
  readonlyPaths: "read-only paths are the engine's defaults",
  uidMappings: "user namespaces are the engine's to set",
  gidMappings: "user namespaces are the engine's to set",
  additionalGids: "the lab user's groups are fixed",
  tmpfs: "every lab container gets /tmp and /home/lab as tmpfs, sized by x-mingle.limits.tmpfs",
  annotations: "annotations are not applied to lab containers",
  runtime: "LinuxKit's runtime section is not applied to lab containers",
};

const FILE_REFUSED_IN_CONTAINER: Partial<Record<keyof LinuxkitFile, string>> = {
  symlink: "container mode writes plain files and directories into the lab volume",
  uid: "files in the lab volume belong to the lab user",
  gid: "files in the lab volume belong to the lab user",
};

const FILE_REFUSED: Partial<Record<keyof LinuxkitFile, string>> = {
  source: "is refused: it would read a file from the Mingle server; write the text in `contents`",
  metadata: "is not supported by Mingle",
};

const VM_MIN_MEMORY = 128 * 1024 ** 2;
const DEFAULT_CMDLINE = "console=ttyS0";
const LAB_UID = 1000;

function envRecord(env: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env ?? []) {
    const at = e.indexOf("=");
    out[e.slice(0, at)] = e.slice(at + 1);
  }
  return out;
}

function absolute(p: string): string {
  return `/${p.replace(/^\/+/, "").replace(/\/+$/, "")}`;
}

/**
 * A parsed LinuxKit file → the lab template its isolation mode runs, or the issues (with paths
 * into the file, so the caller can give each its line and column).
 */
export function toLabTemplate(name: string, file: LinuxkitTemplate, source?: string): { template?: LabTemplate; issues: TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  const m = file["x-mingle"];
  const mode = m.isolation;
  const issue = (path: (string | number)[], message: string) => issues.push({ path, message });
  const sections = [
    ["onboot", file.onboot],
    ["onshutdown", file.onshutdown],
    ["services", file.services],
  ] as const;

  if (file.volumes?.length) issue(["volumes"], "is not supported by Mingle yet: share data through files and binds");
  const names = sections.flatMap(([, list]) => list.map((c) => c.name));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) issue(["services"], `container name "${dup}" is used twice`);
  if (file.services.length === 0) issue(["services"], "must have at least one service (the lab's shell)");

  const interactive = m.interactive ?? (file.services.length === 1 ? file.services[0]!.name : undefined);
  if (!interactive && file.services.length > 1) issue(["x-mingle"], "must name the interactive service (x-mingle.interactive): the one whose shell is the lab's terminal");
  if (m.interactive && !file.services.some((s) => s.name === m.interactive))
    issue(["x-mingle", "interactive"], `names no service: the services are ${file.services.map((s) => s.name).join(", ") || "none"}`);

  for (const [section, list] of sections) {
    list.forEach((c, i) => {
      if (mode === "container" && section !== "onshutdown") {
        for (const [key, value] of Object.entries(c) as [keyof LinuxkitImage, unknown][]) {
          const why = CONTAINER_REFUSED[key];
          if (!why || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
          issue([section, i, key], `is refused in container mode: ${why}; ${VM_ALLOWS}`);
        }
        if (c.readonly === false) issue([section, i, "readonly"], `false is refused in container mode: every lab container has a read-only root; ${VM_ALLOWS}`);
        if (c.noNewPrivileges === false) issue([section, i, "noNewPrivileges"], `false is refused in container mode: no lab process may gain privileges; ${VM_ALLOWS}`);
        if (c.uid === 0) issue([section, i, "uid"], `0 (root) is refused in container mode; ${VM_ALLOWS}`);
        if (c.gid === 0) issue([section, i, "gid"], `0 (root) is refused in container mode; ${VM_ALLOWS}`);
      }
      if (mode === "vm" && c.runtime) issue([section, i, "runtime"], "is not supported by Mingle yet (it needs LinuxKit's service daemon)");
    });
  }

  file.files.forEach((f, i) => {
    for (const key of Object.keys(FILE_REFUSED) as (keyof LinuxkitFile)[]) if (f[key] !== undefined) issue(["files", i, key], FILE_REFUSED[key]!);
    if (f.contents !== undefined && (f.directory || f.symlink)) issue(["files", i, "contents"], "cannot be given for a directory or a symlink");
    if (mode !== "container") return;
    for (const key of Object.keys(FILE_REFUSED_IN_CONTAINER) as (keyof LinuxkitFile)[]) {
      if (f[key] !== undefined) issue(["files", i, key], `is refused in container mode: ${FILE_REFUSED_IN_CONTAINER[key]}; ${VM_ALLOWS}`);
    }
    if (!/^lab\/./.test(f.path.replace(/^\/+/, ""))) issue(["files", i, "path"], `must be under lab/ in container mode (the lab's shared volume, /lab); ${VM_ALLOWS}`);
  });
  const paths = file.files.map((f) => absolute(f.path));
  const dupPath = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dupPath) issue(["files"], `file "${dupPath}" is listed twice`);

  const notes: string[] = [];
  if (mode === "container") {
    const ignored = [file.kernel && "kernel", file.init?.length && "init", file.onshutdown.length && "onshutdown", file.trust && "trust"].filter(Boolean);
    if (ignored.length) notes.push(`Container mode: ${ignored.join(", ")} ${ignored.length === 1 ? "is" : "are"} ignored (isolation: vm boots them).`);
  } else {
    if (!file.kernel) issue(["kernel"], "is needed in vm mode: name the kernel image (e.g. mingle/linuxkit-kernel:6.1)");
    if (!file.init?.length) issue(["init"], "is needed in vm mode: list the init images (e.g. mingle/linuxkit-init:1 and mingle/linuxkit-runc:1)");
    if (m.runtime !== "runc") issue(["x-mingle", "runtime"], "must be runc in vm mode: the VM is the sandbox, qemu runs under runc");
    if (m.limits.memory < VM_MIN_MEMORY) issue(["x-mingle", "limits", "memory"], "must be at least 128m in vm mode (the kernel and the initrd live in the VM's memory)");
    if (file.trust) notes.push("trust is ignored: images are built locally.");
    if (m.ports?.length) issue(["x-mingle", "ports"], "is not supported in vm mode yet: the preview tunnels into a container's network namespace");
  }
  const checkNames = m.checks.map((c) => c.name);
  const twice = checkNames.find((n, i) => checkNames.indexOf(n) !== i);
  if (twice) issue(["x-mingle", "checks"], `check "${twice}" is listed twice`);
  if (m.extend && m.extend.max < m.ttl) issue(["x-mingle", "extend", "max"], "must be at least the ttl (the longest a lab may run, extensions included)");
  if (issues.length) return { issues };

  const spec = (c: LinuxkitImage): ContainerSpec => {
    const uid = c.uid ?? (mode === "container" ? LAB_UID : undefined);
    const gid = c.gid ?? uid;
    return {
      name: c.name,
      image: c.image,
      ...(c.command ? { command: c.command } : {}),
      env: envRecord(c.env),
      ...(uid !== undefined ? { user: `${uid}:${gid}` } : {}),
      ...(c.cwd ? { cwd: c.cwd } : {}),
      linuxkit: c,
    };
  };
  const files: LabFile[] = file.files.map((f) => ({
    path: absolute(f.path),
    contents: f.contents ?? "",
    mode: f.mode ?? (f.directory ? 0o755 : 0o644),
    kind: f.directory ? "dir" : f.symlink ? "symlink" : "file",
    ...(f.symlink ? { target: f.symlink } : {}),
    ...(f.uid !== undefined ? { uid: f.uid } : {}),
    ...(f.gid !== undefined ? { gid: f.gid } : {}),
  }));
  return {
    issues: [],
    template: {
      name,
      title: m.title ?? name,
      description: m.description,
      mode,
      isolation: m.runtime,
      limits: { ...m.limits, ttl: m.ttl },
      recording: m.recording,
      files,
      onboot: file.onboot.map(spec),
      services: file.services.map((s) => ({ ...spec(s), interactive: s.name === interactive })),
      onshutdown: file.onshutdown.map(spec),
      ...(file.kernel ? { kernel: { image: file.kernel.image, cmdline: file.kernel.cmdline ?? DEFAULT_CMDLINE } } : {}),
      init: file.init ?? [],
      notes,
      ...(source !== undefined ? { source } : {}),
      ...(m.ports?.length ? { ports: m.ports } : {}),
      checks: m.checks,
      extend: m.extend ?? { step: Math.min(15 * 60, m.ttl), max: Math.min(2 * m.ttl, 24 * 3600) },
    },
  };
}

/** The default limits (for tests and the template card). */
export const DEFAULT_LIMITS: LabLimits = { ...limitsSchema.parse({}), ttl: 30 * 60 };
