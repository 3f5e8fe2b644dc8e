import type { Db } from "@/lib/db";

type Level = "INTRO" | "PRACTITIONER" | "DEEP_DIVE";
interface DemoOffer {
  title: string;
  description: string;
  tags: string[];
  level: Level;
  lengthMinutes: 15 | 20 | 30;
  labTemplate?: "shell" | "forkbomb" | "two-services";
}

// Two offers per demo topic (lib/testing/demo-data.ts TOPICS); a person offering a topic gets the
// first, and someone offering two topics gets the first of each.
const OFFERS: Record<string, DemoOffer[]> = {
  "container-security": [
    {
      title: "Harden your images: from scan to seccomp",
      description: "Bring a Dockerfile. We scan it, drop capabilities, add a **seccomp** profile and run it rootless.\n\n- what a CVE report really tells you\n- least-privilege defaults that don't break apps",
      tags: ["container-security", "image-building"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
      labTemplate: "shell",
    },
    {
      title: "Why a fork bomb can't take down your host",
      description: "A live demo of PID limits, memory limits and cgroups: we run a fork bomb in a lab and watch the limits hold.",
      tags: ["container-security"],
      level: "DEEP_DIVE",
      lengthMinutes: 20,
      labTemplate: "forkbomb",
    },
  ],
  linuxkit: [
    {
      title: "Build a LinuxKit OS image in 20 minutes",
      description: "Onboot containers, services and a YAML file: we build a minimal, immutable OS image together and boot it.",
      tags: ["linuxkit", "moby"],
      level: "INTRO",
      lengthMinutes: 20,
      labTemplate: "shell",
    },
    {
      title: "LinuxKit internals: init, runc and the kernel",
      description: "How LinuxKit assembles a bootable system from containers, and where to look when it doesn't boot.",
      tags: ["linuxkit"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
  ],
  moby: [
    {
      title: "Your first contribution to Moby",
      description: "Find a good first issue, build the components, run the tests, open the PR. I'll review it with you.",
      tags: ["moby", "go"],
      level: "INTRO",
      lengthMinutes: 30,
    },
    {
      title: "Assembling your own container platform from Moby components",
      description: "containerd, BuildKit, SwarmKit, LinuxKit: which pieces to take and how they fit.",
      tags: ["moby", "containerd"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
  ],
  swarm: [
    {
      title: "Swarm mode in production: rolling updates that don't page you",
      description: "Health checks, `update_config`, rollback and secrets. Lessons from running Swarm for three years.",
      tags: ["swarm", "orchestration"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
      labTemplate: "two-services",
    },
    {
      title: "Swarm networking: the routing mesh explained",
      description: "Ingress, VIPs and DNS round robin, drawn on a napkin.",
      tags: ["swarm", "networking"],
      level: "INTRO",
      lengthMinutes: 15,
    },
  ],
  "windows-containers": [
    {
      title: "Moving a .NET Framework app into Windows containers",
      description: "Servercore vs nanoserver, Hyper-V isolation, and what to do about the registry and IIS.",
      tags: ["windows-containers", "dotnet", "legacy-apps"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "Windows and Linux containers side by side",
      description: "LCOW and mixed clusters: what works today and what to watch out for.",
      tags: ["windows-containers"],
      level: "INTRO",
      lengthMinutes: 20,
    },
  ],
  kubernetes: [
    {
      title: "Kubernetes for Docker users: pods, deployments and services",
      description: "You know `docker run`; let's map it to pods, deployments and services, with a whiteboard.",
      tags: ["kubernetes", "orchestration"],
      level: "INTRO",
      lengthMinutes: 20,
    },
    {
      title: "Writing a Kubernetes operator in Go",
      description: "CRDs, controllers and reconciliation loops. Bring a use case; we sketch the operator together.",
      tags: ["kubernetes", "go"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
  ],
  "ci-cd": [
    {
      title: "Fast CI with multi-stage builds and build caches",
      description: "Cut your pipeline time in half: layer ordering, cache mounts and multi-stage builds.",
      tags: ["ci-cd", "image-building"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      labTemplate: "shell",
    },
    {
      title: "From commit to production with containers",
      description: "A pipeline that builds once, tests the image it ships, and promotes it through environments.",
      tags: ["ci-cd", "devops-culture"],
      level: "INTRO",
      lengthMinutes: 30,
    },
  ],
  networking: [
    {
      title: "Debugging container networking: it's always DNS",
      description: "Overlay networks, service discovery and the tools to see packets between two services.",
      tags: ["networking"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
      labTemplate: "two-services",
    },
    {
      title: "Overlay networks deep dive: VXLAN and the control plane",
      description: "What happens between `docker network create` and a packet arriving on another host.",
      tags: ["networking", "swarm"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
  ],
  storage: [
    {
      title: "Running databases in containers, carefully",
      description: "Volumes, volume plugins, backups and the failure modes nobody mentions.",
      tags: ["storage", "databases"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Volume plugins explained",
      description: "How the plugin API works and how to choose one for your stateful workloads.",
      tags: ["storage"],
      level: "INTRO",
      lengthMinutes: 15,
    },
  ],
  observability: [
    {
      title: "Metrics, logs and traces for containers without drowning",
      description: "Prometheus, structured logs and tracing: what to collect first and what to ignore.",
      tags: ["observability"],
      level: "INTRO",
      lengthMinutes: 20,
    },
    {
      title: "Prometheus alerting that people don't mute",
      description: "Symptom-based alerts, SLOs and dashboards for containerized services.",
      tags: ["observability", "devops-culture"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
  ],
};

/**
 * Offers for the seeded attendees, from the topics they offer. Idempotent: people who already hold
 * an offer are left alone. Returns how many offers it created.
 */
export async function seedDemoOffers(db: Db): Promise<number> {
  const people = await db.user.findMany({
    where: { role: "ATTENDEE", email: { endsWith: "@mingle.test" }, offers: { none: {} } },
    select: { id: true, profile: { select: { offerTags: true } } },
    orderBy: { email: "asc" },
  });
  const rows: Array<DemoOffer & { ownerId: string }> = [];
  for (const [i, person] of people.entries()) {
    const topics = (person.profile?.offerTags ?? []).filter((t) => OFFERS[t]);
    for (const [j, topic] of topics.slice(0, 2).entries()) {
      // Alternate which of the two offers a topic's experts get, so titles vary across people.
      rows.push({ ...OFFERS[topic]![(i + j) % 2]!, ownerId: person.id });
    }
  }
  for (const row of rows) await db.offer.create({ data: row, select: { id: true } });
  return rows.length;
}
