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
/**
 * gVisor has no OOM killer of its own (google/gvisor#1967) and its cgroupfs enforces nothing: all
 * of a lab's memory lives in the sandbox's (the Sentry's) process, so the host cgroup's OOM killer
 * kills the whole lab. Under runsc each process is therefore held to the template's memory with
 * RLIMIT_AS (mmap/brk fail, e.g. "awk: out of memory"), and the host cgroup gets room on top for
 * what else lives in the Sentry: its own ~13 MiB (measured idle), the three tmpfs mounts (/tmp,
 * /home/lab, /dev/shm are Sentry memory under gVisor) and the /lab volume's pages.
 */
export const RUNSC_MEMORY_OVERHEAD = 32 * 1024 * 1024;
const RUNSC_TMPFS_MOUNTS = 4;

/** The host cgroup memory limit of a runsc container: the template's memory plus room for the sandbox. */
export function runscMemoryLimit(limits: LabTemplate["limits"]): number {
  return limits.memory + RUNSC_MEMORY_OVERHEAD + RUNSC_TMPFS_MOUNTS * limits.tmpfs;
}

/**
 * dockerode's types predate CgroupnsMode (Engine API 1.41, Docker 20.10), which the Engine accepts
 * on cgroup v1 too.
 */
type LabHostConfig = NonNullable<ContainerCreateOptions["HostConfig"]> & { CgroupnsMode: "private" | "host" };

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
  /**
   * The interactive service's own command as the engine would run it (the image's entrypoint and
   * command resolved, lab-provisioner.ts): it runs beside the lab's shell (see terminalCommand).
   */
  serviceCommand?: string[];
}): ContainerCreateOptions & { HostConfig: LabHostConfig } {
  const { ref, template, role, spec, netnsOwner } = args;
  if (role !== "pause" && !netnsOwner) throw new Error(`container "${spec.name}" needs the lab's network namespace owner`);
  const limits = template.limits;
  // The pause container only sleeps and holds the namespace: plain runc is enough and cheaper.
  const runtime = role === "pause" ? "runc" : template.isolation;
  const memory = role === "pause" ? PAUSE_MEMORY : runtime === "runsc" ? runscMemoryLimit(limits) : limits.memory;
  const user = spec.user ?? `${LAB_UID}:${LAB_UID}`;
  const tmpfsOpts = `rw,nosuid,nodev,size=${limits.tmpfs}`;
  const terminal = role === "service" && args.interactive === true;
  return {
    name: containerName(ref.labId, spec.name),
    Image: spec.image,
    ...(terminal ? { Entrypoint: TERMINAL_ENTRYPOINT, Cmd: args.serviceCommand ?? spec.command ?? [] } : { Cmd: spec.command }),
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    User: user,
    WorkingDir: spec.cwd ?? "/home/lab",
    ...(role === "pause" ? { Hostname: "lab" } : {}),
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    // The lab's shell is the interactive service's TTY (docs/decisions/0020): any server process
    // attaches to it, and it outlives them. StdinOnce stays false: a detach never closes its stdin.
    Tty: terminal,
    OpenStdin: terminal,
    StdinOnce: false,
    NetworkDisabled: false,
    Labels: {
      ...labLabels(ref, template),
      [LABEL.role]: role,
      [LABEL.container]: spec.name,
      ...(args.interactive ? { "mingle.interactive": "true" } : {}),
    },
    HostConfig: {
      NetworkMode: role === "pause" ? "none" : `container:${netnsOwner}`,
      Runtime: runtime,
      // An init as PID 1 (docker-init, i.e. tini) reaps orphans; a bare `sleep` leaves them as zombies
      // that hold the pids limit for the life of the lab.
      Init: true,
      CgroupnsMode: "private",
      Privileged: false,
      ReadonlyRootfs: true,
      Tmpfs: {
        "/tmp": `${tmpfsOpts},mode=1777`,
        "/home/lab": `${tmpfsOpts},mode=0755,uid=${LAB_UID},gid=${LAB_UID}`,
      },
      ShmSize: limits.tmpfs,
      Mounts: [{ Type: "volume", Source: volumeName(ref.labId), Target: LAB_VOLUME_TARGET, ReadOnly: false }],
      Binds: [],
      CapDrop: ["ALL"],
      CapAdd: [],
      SecurityOpt: ["no-new-privileges"],
      PidsLimit: role === "pause" ? PAUSE_PIDS : limits.pids + (runtime === "runsc" ? RUNSC_PIDS_OVERHEAD : 0),
      Memory: memory,
      MemorySwap: memory,
      OomKillDisable: false,
      ...(runtime === "runsc" ? { Ulimits: [{ Name: "as", Soft: limits.memory, Hard: limits.memory }] } : {}),
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

/** The lab's shell, and what it (and `exec`, run-check and the workspace) see of the environment. */
export const SHELL_COMMAND = ["sh", "-l"];
export const SHELL_ENV = ["TERM=xterm-256color", "HOME=/home/lab", "PATH=/bin"];

/**
 * The interactive service's main process (under the engine's init): the service's own command in
 * the background, its stdin closed, and the lab's shell on the container's TTY in a loop, so that
 * `exit` gives a fresh shell instead of stopping the lab. The container lives as long as the
 * service's command (a service that dies still fails the lab, engine-events.ts); a service
 * without a command is the shell alone. A non-interactive sh gives background jobs /dev/null for
 * stdin, hence the TTY passed on as fd 3. `sh` is the POSIX shell every lab image has (the
 * terminal needed it before, too); the environment is set by prefix, so no `env` applet is needed.
 */
const SHELL_LOOP = `while :; do ${SHELL_ENV.join(" ")} ${SHELL_COMMAND.join(" ")} <&3 3<&-; printf '\r\n[shell exited; starting a new one]\r\n'; sleep 1; done`;
const TERMINAL_SCRIPT = `exec 3<&0
if [ "$#" -eq 0 ]; then ${SHELL_LOOP}; fi
"$@" </dev/null 3<&- &
service=$!
( ${SHELL_LOOP} ) &
wait "$service"`;
export const TERMINAL_ENTRYPOINT = ["sh", "-c", TERMINAL_SCRIPT, "mingle-terminal"];
