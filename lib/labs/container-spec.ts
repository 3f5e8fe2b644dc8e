import type { ContainerCreateOptions } from "@/lib/docker/engine";
import { BASE_IMAGE, LAB_UID } from "@/lib/labs/images";
import type { ContainerSpec, LabTemplate } from "@/lib/labs/template-schema";

/**
 * Pure builders for everything a lab creates on an engine. Every lab container gets the same
 * hardening; nothing here may add Privileged, a host bind mount or the Docker socket.
 */
export const LABEL = {
  managed: "mingle.managed",
  lab: "mingle.lab",
  engine: "mingle.engine",
  template: "mingle.template",
  role: "mingle.role",
  container: "mingle.container",
  pool: "mingle.pool",
} as const;

export type ContainerRole = "pause" | "onboot" | "service";

export const PAUSE_NAME = "pause";
export const LAB_VOLUME_TARGET = "/lab";
const PAUSE_MEMORY = 16 * 1024 * 1024;
const PAUSE_PIDS = 8;
const LOG_MAX_SIZE = "1m";
/**
 * Under gVisor the sandbox's own (Go) threads count against the host pids cgroup, and it does not
 * start below about 64; the lab's processes are tasks inside the sandbox on top of that.
 */
export const RUNSC_PIDS_OVERHEAD = 128;

export interface LabRef {
  labId: string;
  engineId: string;
  /** Set while the lab sits in the warm pool, unclaimed. */
  pooled?: boolean;
}

export function labLabels(ref: LabRef, template: LabTemplate): Record<string, string> {
  return {
    [LABEL.managed]: "true",
    [LABEL.lab]: ref.labId,
    [LABEL.engine]: ref.engineId,
    [LABEL.template]: template.name,
    ...(ref.pooled ? { [LABEL.pool]: "true" } : {}),
  };
}

export function containerName(labId: string, name: string): string {
  return `mingle-lab-${labId}-${name}`;
}

export function volumeName(labId: string): string {
  return `mingle-lab-${labId}`;
}

/** The per-lab shared volume: tmpfs-backed (size-limited, gone with the lab), owned by the lab user. */
export function labVolumeOptions(ref: LabRef, template: LabTemplate): { driverOpts: Record<string, string>; labels: Record<string, string> } {
  return {
    driverOpts: {
      type: "tmpfs",
      device: "tmpfs",
      o: `size=${template.limits.tmpfs},uid=${LAB_UID},gid=${LAB_UID},mode=0755,nosuid,nodev`,
    },
    labels: labLabels(ref, template),
  };
}

/**
 * Create options for one lab container. `netnsOwner` is the id of the container owning the lab's
 * network namespace (the pause container); absent for the pause container itself, which gets none.
 */
export function buildContainerOptions(args: {
  ref: LabRef;
  template: LabTemplate;
  role: ContainerRole;
  spec: ContainerSpec;
  netnsOwner?: string;
  interactive?: boolean;
}): ContainerCreateOptions {
  const { ref, template, role, spec, netnsOwner } = args;
  if (role !== "pause" && !netnsOwner) throw new Error(`container "${spec.name}" needs the lab's network namespace owner`);
  const limits = template.limits;
  const memory = role === "pause" ? PAUSE_MEMORY : limits.memory;
  const user = spec.user ?? `${LAB_UID}:${LAB_UID}`;
  const tmpfsOpts = `rw,nosuid,nodev,size=${limits.tmpfs}`;
  return {
    name: containerName(ref.labId, spec.name),
    Image: spec.image,
    Cmd: spec.command,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    User: user,
    WorkingDir: "/home/lab",
    ...(role === "pause" ? { Hostname: "lab" } : {}),
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    OpenStdin: false,
    NetworkDisabled: false,
    Labels: {
      ...labLabels(ref, template),
      [LABEL.role]: role,
      [LABEL.container]: spec.name,
      ...(args.interactive ? { "mingle.interactive": "true" } : {}),
    },
    HostConfig: {
      NetworkMode: role === "pause" ? "none" : `container:${netnsOwner}`,
      // The pause container only sleeps and holds the namespace: plain runc is enough and cheaper.
      Runtime: role === "pause" ? "runc" : template.isolation,
      Privileged: false,
      ReadonlyRootfs: true,
      Tmpfs: {
        "/tmp": `${tmpfsOpts},mode=1777`,
        "/home/lab": `${tmpfsOpts},mode=0755,uid=${LAB_UID},gid=${LAB_UID}`,
      },
      Mounts: [{ Type: "volume", Source: volumeName(ref.labId), Target: LAB_VOLUME_TARGET, ReadOnly: false }],
      Binds: [],
      CapDrop: ["ALL"],
      CapAdd: [],
      SecurityOpt: ["no-new-privileges"],
      PidsLimit: role === "pause" ? PAUSE_PIDS : limits.pids + (template.isolation === "runsc" ? RUNSC_PIDS_OVERHEAD : 0),
      Memory: memory,
      MemorySwap: memory,
      OomKillDisable: false,
      NanoCpus: Math.round(limits.cpus * 1e9),
      RestartPolicy: { Name: "no" },
      AutoRemove: false,
      LogConfig: { Type: "json-file", Config: { "max-size": LOG_MAX_SIZE, "max-file": "1" } },
    },
  };
}

/** The tiny container that owns the lab's network namespace and keeps its volume mounted. */
export function pauseSpec(): ContainerSpec {
  return { name: PAUSE_NAME, image: BASE_IMAGE, command: ["sleep", "inf"], env: {} };
}

/** The command a terminal runs in the interactive service. */
export const SHELL_COMMAND = ["sh", "-l"];
export const SHELL_ENV = ["TERM=xterm-256color", "HOME=/home/lab", "PATH=/bin"];
