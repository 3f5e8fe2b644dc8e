import { CURATED_TAGS } from "@/lib/tags/catalog";
import type { MatchOffer, MatchViewer, OfferLevel } from "./types";

/**
 * A seeded synthetic conference for offline evaluation. Every attendee has planted TRUE
 * interests; what the recommender sees is noisy: observed seek tags drop some true interests
 * and add a wrong one, offers lose tags and gain stray ones, and browsing history is mostly but
 * not only on-topic.
 *
 * Ground truth (see groundTruth): an offer is relevant to an attendee when it is active, not
 * their own, not already requested by them, and its TRUE topics share at least one tag with the
 * attendee's TRUE interests; its gain is the number of shared tags.
 */
export interface SyntheticOptions {
  seed?: number;
  attendees?: number;
  offers?: number;
}

export interface SyntheticAttendee {
  viewer: MatchViewer;
  trueInterests: readonly string[];
}

export interface SyntheticConference {
  attendees: SyntheticAttendee[];
  offers: MatchOffer[];
  /** Offer id → the topics the offer is really about (its observed tags are a noisy copy). */
  trueTopics: ReadonlyMap<string, readonly string[]>;
}

/** mulberry32: tiny, fast, good enough for test data; same seed → same conference. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words people use when they write about each topic. Deliberately overlapping in places. */
const VOCABULARY: Record<string, string> = {
  "container-security": "seccomp apparmor selinux capabilities rootless signing notary vulnerability scanning cve hardening",
  linuxkit: "linuxkit kernel immutable minimal yaml initrd hypervisor boot unikernel iso",
  moby: "moby upstream components assemble open-source contributors project fork bundle",
  swarm: "swarm manager worker raft stack routing-mesh replicas rolling-update node",
  "windows-containers": "windows nanoserver servercore hyper-v isolation powershell lcow iis win32",
  kubernetes: "kubernetes pod helm kubectl deployment operator crd ingress namespace k8s",
  "ci-cd": "pipeline jenkins gitlab build-server continuous delivery deploy release travis",
  networking: "overlay vxlan bridge dns macvlan ipvs load-balancing cni subnet ports",
  storage: "volume plugin persistent nfs ceph stateful snapshot block filesystem rexray",
  "docker-compose": "compose yaml services multi-container local-dev override env-file depends",
  "image-building": "dockerfile multi-stage layers cache alpine distroless buildkit base-image size",
  observability: "prometheus grafana logging tracing metrics alerting fluentd dashboards elk",
  serverless: "functions faas openfaas lambda event-driven triggers cold-start scale-to-zero",
  "edge-iot": "raspberry-pi arm iot edge devices sensors fleet gateway embedded",
  orchestration: "scheduler cluster placement constraints scaling self-healing desired-state reconciliation",
  "devops-culture": "culture teams collaboration silos transformation blameless postmortem ownership agile",
  registries: "registry docker-hub dtr mirror pull push tags garbage-collection harbor",
  go: "golang goroutines channels gofmt modules concurrency stdlib cobra interfaces",
  "service-mesh": "istio linkerd envoy sidecar mtls traffic-shifting circuit-breaker proxy",
  microservices: "microservices api gateway decomposition bounded-context rest grpc messaging",
  "legacy-apps": "legacy monolith lift-and-shift modernize migration mainframe traditional weblogic",
  java: "java jvm spring tomcat heap maven gradle jar garbage-collector",
  dotnet: "dotnet csharp asp-net nuget clr msbuild visual-studio core framework",
  nodejs: "node npm express javascript event-loop yarn typescript v8",
  python: "python pip django flask virtualenv wheel gunicorn conda",
  "data-science": "jupyter notebooks pandas gpu tensorflow models training datasets",
  databases: "postgres mysql mongodb redis backups replication schema sql",
  cloud: "aws azure gcp cloud ec2 hybrid multi-cloud vpc",
  testing: "testing integration-tests selenium fixtures flaky test-environments coverage mocks",
  "developer-tools": "ide vscode debugger cli tooling hot-reload devcontainers workflow",
  containerd: "containerd runc oci runtime shim snapshotter cri namespaces",
  secrets: "secrets vault tokens credentials rotation encryption keys certificates",
};

const GENERIC =
  "intro deep dive production lessons learned patterns hands-on workshop best practices debugging scaling migrating tips pitfalls architecture team enterprise demo journey beginners advanced real-world case study questions".split(
    " ",
  );
const OPENERS = ["Intro to", "Deep dive:", "Hands-on", "Lessons from", "Ask me about", "Debugging", "Scaling", "Getting started with", "Production", "Pairing on"];

const LEVELS: readonly OfferLevel[] = ["beginner", "intermediate", "intermediate", "expert"];

export function generateConference({ seed = 2017, attendees = 5000, offers = 20000 }: SyntheticOptions = {}): SyntheticConference {
  const rng = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const chance = (p: number) => rng() < p;

  // Topic popularity is skewed (Zipf-like) and its order is shuffled per seed.
  const tags: string[] = CURATED_TAGS.map((t) => t.slug);
  for (let i = tags.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [tags[i], tags[j]] = [tags[j]!, tags[i]!];
  }
  const cumulative: number[] = [];
  tags.reduce((sum, _, i) => (cumulative.push(sum + 1 / (i + 1) ** 0.8), sum + 1 / (i + 1) ** 0.8), 0);
  const total = cumulative.at(-1)!;
  const popularTag = () => {
    const x = rng() * total;
    return tags[cumulative.findIndex((c) => c >= x)]!;
  };
  const distinctTags = (count: number, exclude: readonly string[] = []) => {
    const out = new Set<string>();
    while (out.size < count) {
      const t = popularTag();
      if (!exclude.includes(t)) out.add(t);
    }
    return [...out];
  };
  const vocab = (tag: string) => VOCABULARY[tag]!.split(" ");

  const people = Array.from({ length: attendees }, (_, i) => {
    const trueInterests = distinctTags(int(2, 4));
    const expertise = distinctTags(int(1, 3));
    let seen = trueInterests.filter(() => chance(0.7));
    if (seen.length === 0) seen = [pick(trueInterests)];
    if (chance(0.4)) seen.push(...distinctTags(1, trueInterests));
    return { id: `u${i}`, trueInterests, expertise, seekTags: seen };
  });

  const offerList: MatchOffer[] = [];
  const trueTopics = new Map<string, string[]>();
  const byTopic = new Map<string, number[]>();
  for (let i = 0; i < offers; i++) {
    // A few prolific hosts, a long tail of people with one or two offers.
    const owner = people[Math.floor(attendees * rng() ** 1.5)]!;
    const topics = [pick(owner.expertise)];
    if (chance(0.3)) {
      const extra = chance(0.5) ? pick(owner.expertise) : popularTag();
      if (!topics.includes(extra)) topics.push(extra);
    }
    let observed = topics.filter(() => chance(0.8));
    if (observed.length === 0 && chance(0.5)) observed = [topics[0]!];
    if (chance(0.1)) observed.push(...distinctTags(1, [...topics, ...observed]));
    const words = topics.flatMap(vocab);
    const title = `${pick(OPENERS)} ${pick(vocab(topics[0]!))} ${chance(0.5) ? `and ${pick(words)}` : ""}`.trim();
    const description = Array.from({ length: int(8, 20) }, () => (chance(0.55) ? pick(words) : chance(0.9) ? pick(GENERIC) : pick(vocab(popularTag())))).join(" ");
    const id = `o${i}`;
    offerList.push({
      id,
      ownerId: owner.id,
      ownerSeekTags: owner.seekTags,
      tags: observed,
      title,
      description,
      ownerPendingRequests: Math.floor(Math.exp(rng() * 3.2)) - 1,
      level: pick(LEVELS),
      active: chance(0.95),
    });
    trueTopics.set(id, topics);
    for (const t of topics) {
      const list = byTopic.get(t);
      if (list) list.push(i);
      else byTopic.set(t, [i]);
    }
  }

  const randomOffer = () => offerList[int(0, offerList.length - 1)]!;
  const onTopicOffer = (interests: readonly string[]) => {
    const list = byTopic.get(pick(interests));
    return list ? offerList[pick(list)]! : randomOffer();
  };
  const attendeeList = people.map((p): SyntheticAttendee => {
    const viewed = Array.from({ length: int(0, 6) }, () => (chance(0.7) ? onTopicOffer(p.trueInterests) : randomOffer()).id);
    const requested = Array.from({ length: int(0, 2) }, () => (chance(0.8) ? onTopicOffer(p.trueInterests) : randomOffer()).id);
    const vetoed = Array.from({ length: int(0, 2) }, randomOffer)
      .filter((o) => !trueTopics.get(o.id)!.some((t) => p.trueInterests.includes(t)))
      .map((o) => o.id);
    const met = Array.from({ length: int(0, 3) }, () => pick(people).id).filter((id) => id !== p.id);
    return {
      trueInterests: p.trueInterests,
      viewer: {
        id: p.id,
        seekTags: p.seekTags,
        offerTags: p.expertise,
        viewedOfferIds: [...new Set(viewed)],
        requestedOfferIds: [...new Set(requested)],
        vetoedOfferIds: vetoed,
        metPersonIds: [...new Set(met)],
      },
    };
  });

  return { attendees: attendeeList, offers: offerList, trueTopics };
}

/** Offer id → gain (shared true tags) for every offer relevant to the attendee; see the module comment. */
export function groundTruth(conference: SyntheticConference, attendee: SyntheticAttendee): Map<string, number> {
  const requested = new Set(attendee.viewer.requestedOfferIds);
  const gains = new Map<string, number>();
  for (const o of conference.offers) {
    if (!o.active || o.ownerId === attendee.viewer.id || requested.has(o.id)) continue;
    const shared = conference.trueTopics.get(o.id)!.filter((t) => attendee.trueInterests.includes(t)).length;
    if (shared > 0) gains.set(o.id, shared);
  }
  return gains;
}
