import type { LinuxkitImage } from "@/lib/labs/linuxkit-schema";
import type { ContainerSpec } from "@/lib/labs/template-schema";

/**
 * A LinuxKit container definition → the OCI runtime config.json that runc runs inside the VM,
 * after linuxkit's own translation (moby/config.go ConfigToOCI): the image gives the command,
 * environment and working directory unless the file overrides them; new namespaces unless a
 * field says `host` (share the VM's) or a path (join that one); LinuxKit's default mounts, with a
 * mount at the same destination replacing the default; Docker's default capability set unless
 * `capabilities` names others. Pure: the initrd builder writes what this returns.
 */
export interface ImageConfig {
  env?: string[];
  cmd?: string[];
  entrypoint?: string[];
  workingDir?: string;
  user?: string;
}

export type OciRole = "onboot" | "services" | "onshutdown";

/** Docker's (and LinuxKit's) default capability set. */
export const DEFAULT_CAPABILITIES = [
  "CAP_CHOWN",
  "CAP_DAC_OVERRIDE",
  "CAP_FSETID",
  "CAP_FOWNER",
  "CAP_MKNOD",
  "CAP_NET_RAW",
  "CAP_SETGID",
  "CAP_SETUID",
  "CAP_SETFCAP",
  "CAP_SETPCAP",
  "CAP_NET_BIND_SERVICE",
  "CAP_SYS_CHROOT",
  "CAP_KILL",
  "CAP_AUDIT_WRITE",
];

/** Every capability of the 6.1 kernel, for `capabilities: [all]`. */
const ALL_CAPABILITIES = [
  ...DEFAULT_CAPABILITIES,
  "CAP_DAC_READ_SEARCH",
  "CAP_LINUX_IMMUTABLE",
  "CAP_NET_BROADCAST",
  "CAP_NET_ADMIN",
  "CAP_IPC_LOCK",
  "CAP_IPC_OWNER",
  "CAP_SYS_MODULE",
  "CAP_SYS_RAWIO",
  "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT",
  "CAP_SYS_ADMIN",
  "CAP_SYS_BOOT",
  "CAP_SYS_NICE",
  "CAP_SYS_RESOURCE",
  "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG",
  "CAP_LEASE",
  "CAP_AUDIT_CONTROL",
  "CAP_MAC_OVERRIDE",
  "CAP_MAC_ADMIN",
  "CAP_SYSLOG",
  "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND",
  "CAP_AUDIT_READ",
  "CAP_PERFMON",
  "CAP_BPF",
  "CAP_CHECKPOINT_RESTORE",
];

const DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const MASKED = ["/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"];
const READONLY = ["/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];
/** RLIM_INFINITY does not fit a JSON number JavaScript can write; this marker is replaced in the text. */
const UNLIMITED = "__RLIM_INFINITY__";

interface Mount {
  destination: string;
  type: string;
  source: string;
  options: string[];
}

function defaultMounts(readonly: boolean): Mount[] {
  const ro = readonly ? ["ro"] : [];
  return [
    { destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "nodev", "noexec", "relatime"] },
    { destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k", ...ro] },
    { destination: "/dev/pts", type: "devpts", source: "devpts", options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"] },
    { destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
    { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"] },
    { destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"] },
    { destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["nosuid", "noexec", "nodev", "relatime", "ro"] },
  ];
}

/** "/src:/dst:opt1,opt2" (LinuxKit's binds, like docker -v). */
function bindMount(spec: string): Mount {
  const [source = "", destination = "", opts] = spec.split(":");
  const options = opts ? opts.split(",") : ["rw"];
  if (!options.some((o) => o === "bind" || o === "rbind")) options.push("rbind");
  return { destination, type: "bind", source, options };
}

/** "/dst:opt1,opt2" (LinuxKit's tmpfs, like docker --tmpfs). */
function tmpfsMount(spec: string): Mount {
  const [destination = "", opts] = spec.split(":");
  return { destination, type: "tmpfs", source: "tmpfs", options: opts ? opts.split(",") : ["nosuid", "nodev", "mode=1777"] };
}

function namespaces(lk: LinuxkitImage): { type: string; path?: string }[] {
  const pick = [
    ["pid", lk.pid],
    ["network", lk.net],
    ["ipc", lk.ipc],
    ["uts", lk.uts],
    ["user", lk.userns],
  ] as const;
  const out: { type: string; path?: string }[] = [{ type: "mount" }];
  for (const [type, value] of pick) {
    if (value === "host") continue;
    if (type === "user" && !value && !lk.uidMappings) continue;
    out.push(value ? { type, path: value } : { type });
  }
  return out;
}

function capabilities(list: string[] | undefined): string[] {
  if (!list) return DEFAULT_CAPABILITIES;
  return list.includes("all") ? ALL_CAPABILITIES : list;
}

function rlimit(spec: string): { type: string; soft: number | string; hard: number | string } {
  const [name = "", soft = "0", hard = "0"] = spec.split(",").map((s) => s.trim());
  const type = name.toUpperCase().startsWith("RLIMIT_") ? name.toUpperCase() : `RLIMIT_${name.toUpperCase()}`;
  const value = (v: string) => (v === "unlimited" ? UNLIMITED : Number(v));
  return { type, soft: value(soft), hard: value(hard) };
}

function numericUser(user: string | undefined): { uid: number; gid: number } | undefined {
  const m = /^(\d+)(?::(\d+))?$/.exec(user ?? "");
  return m ? { uid: Number(m[1]), gid: Number(m[2] ?? m[1]) } : undefined;
}

/** The config.json object for one container; `terminal` for the interactive service (a pty on the console). */
export function ociConfig(spec: ContainerSpec, image: ImageConfig, opts: { role: OciRole; terminal: boolean }): Record<string, unknown> {
  const lk: LinuxkitImage = spec.linuxkit ?? { name: spec.name, image: spec.image, ...(spec.command ? { command: spec.command } : {}) };
  const readonly = lk.readonly ?? false;
  const imageUser = numericUser(image.user) ?? { uid: 0, gid: 0 };
  const uid = lk.uid ?? imageUser.uid;
  const gid = lk.gid ?? (lk.uid !== undefined ? lk.uid : imageUser.gid);
  const env = lk.env ?? image.env ?? [];
  const args = lk.command ?? [...(image.entrypoint ?? []), ...(image.cmd ?? [])];
  if (!args.length) throw new Error(`container "${spec.name}" has no command: its image has none and the file gives none`);

  const mounts = new Map<string, Mount>(defaultMounts(readonly).map((m) => [m.destination, m]));
  for (const t of lk.tmpfs ?? []) mounts.set(tmpfsMount(t).destination, tmpfsMount(t));
  for (const b of [...(lk.binds ?? []), ...(lk["binds.add"] ?? [])]) mounts.set(bindMount(b).destination, bindMount(b));
  for (const m of lk.mounts ?? [])
    mounts.set(m.destination, { destination: m.destination, type: m.type ?? "bind", source: m.source ?? m.type ?? "none", options: m.options ?? [] });

  const caps = capabilities(lk.capabilities);
  const devices = (lk.devices ?? []).map((d) => ({ path: d.path, type: d.type, major: d.major, minor: d.minor, fileMode: d.mode ? parseInt(d.mode, 8) : 0o666 }));
  const resources = {
    ...(lk.resources?.memory ? { memory: lk.resources.memory } : {}),
    ...(lk.resources?.cpu ? { cpu: lk.resources.cpu } : {}),
    ...(lk.resources?.pids ? { pids: lk.resources.pids } : {}),
    devices: [...(lk.resources?.devices ?? []), ...devices.map((d) => ({ allow: true, type: d.type, major: d.major, minor: d.minor, access: "rwm" }))],
  };
  return {
    ociVersion: "1.0.2",
    process: {
      terminal: opts.terminal,
      user: { uid, gid, ...(lk.additionalGids ? { additionalGids: lk.additionalGids } : {}) },
      args,
      env: env.some((e) => e.startsWith("PATH=")) ? env : [DEFAULT_PATH, ...env, ...(opts.terminal ? ["TERM=xterm-256color"] : [])],
      cwd: lk.cwd ?? (image.workingDir || "/"),
      capabilities: { bounding: caps, effective: caps, permitted: caps, inheritable: caps, ambient: lk.ambient ?? [] },
      rlimits: (lk.rlimits ?? []).map(rlimit),
      noNewPrivileges: lk.noNewPrivileges ?? false,
      ...(lk.oomScoreAdj !== undefined ? { oomScoreAdj: lk.oomScoreAdj } : {}),
    },
    root: { path: "rootfs", readonly },
    hostname: lk.hostname ?? (lk.uts === "host" ? undefined : spec.name),
    mounts: [...mounts.values()],
    linux: {
      namespaces: namespaces(lk),
      cgroupsPath: lk.cgroupsPath ?? `/${opts.role}/${spec.name}`,
      resources,
      devices,
      sysctl: lk.sysctl ?? {},
      maskedPaths: lk.maskedPaths ?? MASKED,
      readonlyPaths: lk.readonlyPaths ?? READONLY,
      ...(lk.rootfsPropagation ? { rootfsPropagation: lk.rootfsPropagation } : {}),
      ...(lk.uidMappings ? { uidMappings: lk.uidMappings } : {}),
      ...(lk.gidMappings ? { gidMappings: lk.gidMappings } : {}),
    },
    annotations: lk.annotations ?? {},
  };
}

/** The config as runc reads it: RLIM_INFINITY written as the unsigned 64-bit number it is. */
export function ociConfigJson(config: Record<string, unknown>): string {
  return JSON.stringify(config, null, 2).replaceAll(`"${UNLIMITED}"`, "18446744073709551615");
}
