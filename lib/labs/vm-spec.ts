import type { ContainerCreateOptions } from "@/lib/docker/engine";
import { LABEL, type LabRef, containerName, labLabels } from "@/lib/labs/container-spec";
import { LAB_UID } from "@/lib/labs/images";
import type { LabLimits, LabTemplate } from "@/lib/labs/template-schema";

/**
 * Pure builders for a vm lab's one container: qemu-system-x86_64 booting the template's kernel and
 * initrd, hardened like every lab container (no network, read-only root, all capabilities dropped,
 * no new privileges, memory/CPU/pids limits that bound the whole VM). The VM has no network
 * device (-nodefaults adds none) and no monitor; its serial console is the container's TTY, which
 * the terminal hub attaches to (docs/decisions/0014).
 */
export type Accel = "kvm" | "tcg";

export const VM_CONTAINER = "vm";
/**
 * How long the KVM probe may take. Under working KVM this kernel reaches its init in well under a
 * second; here KVM spins without a word (seen: no output in 20 s), so the probe's wait is the price
 * of the first vm launch per engine and process.
 */
export const PROBE_SECONDS = 6;
/** TCG's translation cache; qemu's default for a system emulator is 1 GiB. */
const TB_SIZE_MIB = 64;
/**
 * The container's memory on top of the guest's: the translation cache, qemu's own heap and
 * libraries (about 40 MiB resident, measured), and the kernel + initrd files qemu reads.
 */
export const VM_MEMORY_OVERHEAD = (TB_SIZE_MIB + 96) * 1024 * 1024;
/** qemu's threads (vCPUs, I/O, RCU, call_rcu) plus room; nothing else runs in the container. */
const VM_PIDS = 32;
const LOG_MAX_SIZE = "1m";

export function vmMemoryLimit(limits: Pick<LabLimits, "memory">): number {
  return limits.memory + VM_MEMORY_OVERHEAD;
}

export function vcpus(limits: Pick<LabLimits, "cpus">): number {
  return Math.max(1, Math.floor(limits.cpus));
}

/** The qemu command line: kvm when it was seen to work on this engine, TCG otherwise. */
export function qemuArgs(template: Pick<LabTemplate, "limits" | "kernel">, accel: Accel, extraCmdline = ""): string[] {
  const cmdline = [template.kernel?.cmdline ?? "console=ttyS0", "panic=1", extraCmdline].filter(Boolean).join(" ");
  return [
    "/usr/bin/qemu-system-x86_64",
    ...(accel === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", `tcg,tb-size=${TB_SIZE_MIB}`]),
    "-machine",
    "pc",
    "-m",
    `${Math.floor(template.limits.memory / 1024 ** 2)}M`,
    "-smp",
    String(vcpus(template.limits)),
    "-nodefaults",
    "-no-user-config",
    "-display",
    "none",
    "-vga",
    "none",
    // signal=off: Ctrl-C goes to the guest, not to qemu.
    "-chardev",
    "stdio,id=console,signal=off",
    "-serial",
    "chardev:console",
    "-monitor",
    "none",
    "-no-reboot",
    "-kernel",
    "/boot/kernel",
    "-initrd",
    "/boot/initrd",
    "-append",
    cmdline,
  ];
}

export function buildVmContainerOptions(args: { ref: LabRef; template: LabTemplate; image: string; accel: Accel; probe?: boolean }): ContainerCreateOptions {
  const { ref, template, image, accel } = args;
  const memory = vmMemoryLimit(template.limits);
  return {
    name: args.probe ? `mingle-vm-probe-${ref.engineId}-${Date.now()}` : containerName(ref.labId, VM_CONTAINER),
    Image: image,
    Cmd: args.probe ? ["/bin/timeout", String(PROBE_SECONDS), ...qemuArgs(template, accel, "mingle.probe=1")] : qemuArgs(template, accel),
    // /dev/kvm is root's to open; under TCG qemu needs no privilege at all.
    User: accel === "kvm" ? "0:0" : `${LAB_UID}:${LAB_UID}`,
    WorkingDir: "/tmp",
    // The lab's console is this TTY; the probe only needs its log, which a TTY would not frame.
    Tty: !args.probe,
    OpenStdin: !args.probe,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    NetworkDisabled: true,
    Labels: {
      ...labLabels(ref, template),
      [LABEL.role]: args.probe ? "probe" : "service",
      [LABEL.container]: VM_CONTAINER,
      "mingle.vm": "true",
      ...(args.probe ? {} : { "mingle.interactive": "true" }),
    },
    HostConfig: {
      NetworkMode: "none",
      Runtime: "runc",
      Init: true,
      Privileged: false,
      ReadonlyRootfs: true,
      Tmpfs: { "/tmp": "rw,nosuid,nodev,noexec,size=1m,mode=1777" },
      Binds: [],
      CapDrop: ["ALL"],
      CapAdd: [],
      SecurityOpt: ["no-new-privileges"],
      Devices: accel === "kvm" ? [{ PathOnHost: "/dev/kvm", PathInContainer: "/dev/kvm", CgroupPermissions: "rw" }] : [],
      PidsLimit: VM_PIDS,
      Memory: memory,
      MemorySwap: memory,
      OomKillDisable: false,
      NanoCpus: Math.round(template.limits.cpus * 1e9),
      RestartPolicy: { Name: "no" },
      AutoRemove: false,
      LogConfig: { Type: "json-file", Config: { "max-size": LOG_MAX_SIZE, "max-file": "1" } },
    },
  };
}
