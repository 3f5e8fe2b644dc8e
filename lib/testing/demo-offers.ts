import type { Db } from "@/lib/db";

type Level = "INTRO" | "PRACTITIONER" | "DEEP_DIVE";
export interface DemoOffer {
  title: string;
  description: string;
  tags: string[];
  level: Level;
  lengthMinutes: 15 | 20 | 30;
  labTemplate?: "shell" | "forkbomb" | "two-services";
}

// Ten offers per demo topic (lib/testing/demo-data.ts TOPICS): the demo's 50 attendees offer each topic
// at most ten times, so with assignDemoOffers handing them out in turn no title appears twice on the
// Offers page. A topic's first offer is the one the first person offering it gets.
export const OFFERS: Readonly<Record<string, readonly DemoOffer[]>> = {
  "container-security": [
    {
      title: "Harden your images: from scan to seccomp",
      description:
        "Bring a Dockerfile. We scan it, drop capabilities, add a **seccomp** profile and run it rootless.\n\n- what a CVE report really tells you\n- least-privilege defaults that don't break apps",
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
    {
      title: "User namespaces: root in the container, nobody on the host",
      description: "We turn on `userns-remap`, look at who owns what on the host, and fix the volume permissions that break.",
      tags: ["container-security"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      labTemplate: "shell",
    },
    {
      title: "Reading an image scan report without panicking",
      description: "Two hundred CVEs in your base image: which ones matter, which ones are noise, and what to fix first.",
      tags: ["container-security", "registries"],
      level: "INTRO",
      lengthMinutes: 15,
    },
    {
      title: "Writing a seccomp profile for your own app",
      description: "Trace the syscalls your service really makes, turn them into a profile, and keep it up to date as the code changes.",
      tags: ["container-security"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Memory and CPU limits that protect your neighbours",
      description: "What `--memory`, `--cpus` and `--pids-limit` do in the kernel, and how to pick numbers without OOM surprises.",
      tags: ["container-security", "orchestration"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      labTemplate: "forkbomb",
    },
    {
      title: "Secrets are not environment variables",
      description: "Why `ENV PASSWORD=...` leaks, and how Docker secrets keep credentials out of images, logs and `docker inspect`.",
      tags: ["container-security", "secrets"],
      level: "INTRO",
      lengthMinutes: 15,
    },
    {
      title: "Signing images with Docker Content Trust and Notary",
      description: "Keys, delegations and what happens when a signing key leaks.\n\n- enabling `DOCKER_CONTENT_TRUST` in CI\n- key rotation without downtime",
      tags: ["container-security", "registries"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "AppArmor and SELinux for containers, side by side",
      description: "The default profiles, when they get in your way, and how to write a policy instead of running `--privileged`.",
      tags: ["container-security"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Read-only root filesystems in practice",
      description: "Run your app with `--read-only`, find what it writes, and move that to tmpfs or a volume.",
      tags: ["container-security", "storage"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      labTemplate: "shell",
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
    {
      title: "LinuxKit on a Raspberry Pi: containers at the edge",
      description: "Build an arm64 image, flash it, and update the device by rebuilding instead of patching.",
      tags: ["linuxkit", "edge-iot"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "Writing your own LinuxKit package",
      description: "Package a service as a LinuxKit image with `linuxkit pkg build`, add it to your YAML and boot it.",
      tags: ["linuxkit", "image-building"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      labTemplate: "shell",
    },
    {
      title: "Immutable infrastructure, explained with LinuxKit",
      description: "Why you rebuild rather than SSH in and patch, and what that changes for your ops team.",
      tags: ["linuxkit"],
      level: "INTRO",
      lengthMinutes: 15,
    },
    {
      title: "One YAML, three clouds: booting LinuxKit on AWS, GCP and Azure",
      description: "`linuxkit push` and `linuxkit run` for each provider, and where the cloud metadata ends up.",
      tags: ["linuxkit", "cloud"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "A small attack surface: how LinuxKit hardens the kernel",
      description: "KSPP settings, no shell by default, read-only root and signed packages: what each buys you.",
      tags: ["linuxkit", "container-security"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Testing LinuxKit images with rtf",
      description: "Write regression tests for your OS image with LinuxKit's test framework and run them in CI.",
      tags: ["linuxkit", "testing"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "How Docker for Mac and Windows run on LinuxKit",
      description: "The VM you never see: HyperKit, VPNKit and the LinuxKit image inside Docker for Mac and Windows.",
      tags: ["linuxkit", "developer-tools"],
      level: "INTRO",
      lengthMinutes: 20,
    },
    {
      title: "Custom kernels and modules in LinuxKit",
      description: "Build a kernel with your own config, ship a module as a package, and keep up with upstream.",
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
    {
      title: "What changed when Docker became Moby",
      description: "Moby, Docker CE and the components: where the code went and where issues and PRs go now.",
      tags: ["moby"],
      level: "INTRO",
      lengthMinutes: 15,
    },
    {
      title: "Building the Docker engine from the Moby repository",
      description: "Clone, `make binary`, run your own `dockerd`, and swap it in on a test machine.",
      tags: ["moby", "go"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      labTemplate: "shell",
    },
    {
      title: "How Moby maintainers review pull requests",
      description: "What reviewers look for, why design discussions come first, and how to get a stuck PR moving.",
      tags: ["moby", "devops-culture"],
      level: "INTRO",
      lengthMinutes: 20,
    },
    {
      title: "Inside dockerd: from an API call to a containerd task",
      description: "Follow `docker run` through the API server, the daemon and the containerd client, in the source.",
      tags: ["moby", "containerd"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Writing a Docker engine plugin in Go",
      description: "The plugin protocol, the helpers in `go-plugins-helpers`, and how to test a plugin before you ship it.",
      tags: ["moby", "go"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "Running and writing Moby's integration tests",
      description: "Which suite to run for your change, how to run one test, and how to write a test that isn't flaky.",
      tags: ["moby", "testing"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Debugging the Docker daemon with Delve and pprof",
      description: "Attach a debugger to `dockerd`, take goroutine dumps and CPU profiles, and read them.",
      tags: ["moby", "go", "developer-tools"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "SwarmKit, containerd, libnetwork: a map of the Moby repositories",
      description: "Which repository owns which behaviour, so you open the issue in the right place.",
      tags: ["moby"],
      level: "INTRO",
      lengthMinutes: 15,
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
    {
      title: "From docker-compose.yml to a Swarm stack",
      description: "Take your Compose file, add a `deploy` section and run it with `docker stack deploy`.",
      tags: ["swarm", "docker-compose"],
      level: "INTRO",
      lengthMinutes: 20,
      labTemplate: "two-services",
    },
    {
      title: "Swarm secrets and configs in practice",
      description: "Create, mount and rotate secrets and configs without restarting the whole stack.",
      tags: ["swarm", "secrets"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Raft, managers and quorum: keeping a Swarm alive",
      description: "How many managers to run, what happens when you lose quorum, and how to recover from it.",
      tags: ["swarm", "orchestration"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Placement constraints and node labels",
      description: "Pin services to the right hardware with labels, constraints and placement preferences.",
      tags: ["swarm", "orchestration"],
      level: "PRACTITIONER",
      lengthMinutes: 15,
    },
    {
      title: "Mutual TLS between Swarm nodes, and rotating the CA",
      description: "What the built-in PKI does for you, how to use an external CA, and `docker swarm ca --rotate`.",
      tags: ["swarm", "container-security"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Global services for logging and monitoring agents",
      description: "Run one agent per node with `--mode global`, and give it the host access it needs and no more.",
      tags: ["swarm", "observability"],
      level: "PRACTITIONER",
      lengthMinutes: 15,
    },
    {
      title: "Swarm or Kubernetes? An honest comparison",
      description: "Same app, both orchestrators: what is easier, what is missing, and when to choose which.",
      tags: ["swarm", "kubernetes", "orchestration"],
      level: "INTRO",
      lengthMinutes: 20,
    },
    {
      title: "Blue-green deployments with Swarm services",
      description: "Two services, one published port, and a switch you can flip back.\n\n- network aliases\n- draining connections before the switch",
      tags: ["swarm", "ci-cd"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
      labTemplate: "two-services",
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
    {
      title: "Dockerfiles for Windows: PowerShell, escapes and layers",
      description: 'The escape character, `SHELL ["powershell"]`, and why your Windows image is 10 GB.',
      tags: ["windows-containers", "image-building"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Hyper-V isolation vs process isolation",
      description: "What each isolation mode shares with the host, what it costs, and which one your workload needs.",
      tags: ["windows-containers", "container-security"],
      level: "INTRO",
      lengthMinutes: 15,
    },
    {
      title: "Running SQL Server in a Windows container",
      description: "Volumes for data and logs, attaching databases at start-up, and what not to run this way in production.",
      tags: ["windows-containers", "databases"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "LCOW under the hood: Linux containers on Windows Server",
      description: "The utility VM, the LinuxKit kernel inside it, and how the Windows daemon talks to it.",
      tags: ["windows-containers", "linuxkit"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Adding Windows nodes to a Swarm cluster",
      description: "Mixed Linux and Windows workers, platform constraints, and the networking modes that work today.",
      tags: ["windows-containers", "swarm"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Shrinking Windows images with Nano Server",
      description: "What Nano Server leaves out, which apps fit in it, and multi-stage builds on Windows.",
      tags: ["windows-containers", "image-building"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "ASP.NET Core in containers on Linux and Windows",
      description: "One codebase, two base images: build, test and ship an ASP.NET Core app for both platforms.",
      tags: ["windows-containers", "dotnet"],
      level: "INTRO",
      lengthMinutes: 20,
    },
    {
      title: "Windows container networking: NAT, transparent and overlay",
      description: "The network drivers on Windows, how they map to the host's vSwitch, and how to debug them.",
      tags: ["windows-containers", "networking"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
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
    {
      title: "kubectl for people who know the docker CLI",
      description: "`docker ps`, `logs`, `exec` and `run`, and what to type in `kubectl` instead.",
      tags: ["kubernetes"],
      level: "INTRO",
      lengthMinutes: 15,
    },
    {
      title: "Packaging an app for Kubernetes with Helm",
      description: "Turn a pile of YAML into a chart with values, templates and upgrades you can roll back.",
      tags: ["kubernetes", "developer-tools"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Network policies: locking down pod-to-pod traffic",
      description: "Start from deny-all, then allow only what each service needs. We test each rule as we write it.",
      tags: ["kubernetes", "networking", "container-security"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
      labTemplate: "two-services",
    },
    {
      title: "StatefulSets and persistent volumes for databases",
      description: "Stable names, ordered start-up and volume claims, and the failure modes you should rehearse.",
      tags: ["kubernetes", "storage", "databases"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "How the Kubernetes scheduler picks a node",
      description: "Predicates, priorities, affinity and taints, and how to find out why a pod stays Pending.",
      tags: ["kubernetes", "orchestration"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Kubernetes on containerd with the CRI plugin",
      description: "What the Container Runtime Interface is, what changes when kubelet talks to containerd directly, and what stays the same.",
      tags: ["kubernetes", "containerd"],
      level: "DEEP_DIVE",
      lengthMinutes: 20,
    },
    {
      title: "RBAC for your first multi-team cluster",
      description: "Namespaces, roles and bindings so that each team can deploy its own apps and nothing else.",
      tags: ["kubernetes", "container-security"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Services, ingress and kube-proxy explained",
      description: "ClusterIP, NodePort and LoadBalancer services, and how traffic reaches a pod.",
      tags: ["kubernetes", "networking"],
      level: "INTRO",
      lengthMinutes: 20,
      labTemplate: "two-services",
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
    {
      title: "Integration tests with docker-compose in CI",
      description: "Start the app and its database with Compose, wait for health checks, run the tests, and always clean up.",
      tags: ["ci-cd", "docker-compose", "testing"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      labTemplate: "two-services",
    },
    {
      title: "Jenkins pipelines with Docker agents",
      description: "A `Jenkinsfile` where every stage runs in its own container, so build machines stay clean.",
      tags: ["ci-cd"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "Tagging images: latest is not a version",
      description: "Tags from commits and releases, immutable tags in the registry, and how to find what runs in production.",
      tags: ["ci-cd", "registries"],
      level: "INTRO",
      lengthMinutes: 15,
    },
    {
      title: "Building images in CI without Docker-in-Docker",
      description: "Mount the host's socket, use a remote builder, or build without a daemon: the trade-offs of each.",
      tags: ["ci-cd", "image-building"],
      level: "DEEP_DIVE",
      lengthMinutes: 20,
      labTemplate: "shell",
    },
    {
      title: "GitLab CI with a private registry",
      description: "Build, push and deploy from `.gitlab-ci.yml` with the built-in registry and per-job credentials.",
      tags: ["ci-cd", "registries"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Image scanning as a pipeline gate",
      description: "Fail the build on the vulnerabilities that matter, and not on every low-severity CVE.",
      tags: ["ci-cd", "container-security"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Reproducible builds: pinning base images by digest",
      description: "Why `FROM node:8` changes under you, pinning by digest, and how to still get security updates.",
      tags: ["ci-cd", "image-building"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "A preview environment for every pull request",
      description: "Spin up the branch with Compose on a shared host, post the URL to the PR, and tear it down on merge.",
      tags: ["ci-cd", "docker-compose", "developer-tools"],
      level: "PRACTITIONER",
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
    {
      title: "Bridge networks, port publishing and iptables",
      description: "What `-p 8080:80` writes into iptables, and why two containers on the default bridge can't find each other by name.",
      tags: ["networking"],
      level: "INTRO",
      lengthMinutes: 20,
      labTemplate: "shell",
    },
    {
      title: "Macvlan and ipvlan: containers on your physical network",
      description: "Give containers addresses on the LAN, and the switch and promiscuous-mode settings that make it work.",
      tags: ["networking"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Service discovery with Docker's embedded DNS",
      description: "Two services on a user-defined network, one name lookup, and what happens when the target restarts.",
      tags: ["networking", "microservices"],
      level: "INTRO",
      lengthMinutes: 15,
      labTemplate: "two-services",
    },
    {
      title: "Writing a libnetwork plugin",
      description: "The network and IPAM driver APIs, and a minimal driver in Go you can extend.",
      tags: ["networking", "go"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Encrypted overlay networks in Swarm",
      description: "`--opt encrypted`, the IPsec tunnels behind it, key rotation, and what it costs in throughput.",
      tags: ["networking", "swarm", "container-security"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Load balancing containers with HAProxy and NGINX",
      description: "Put a proxy in front of your services, reload it when containers come and go, and keep sticky sessions.",
      tags: ["networking", "microservices"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
      labTemplate: "two-services",
    },
    {
      title: "Service meshes for containers: Linkerd and Envoy",
      description: "Retries, timeouts and mTLS between services without changing the code, and what a sidecar costs.",
      tags: ["networking", "service-mesh", "microservices"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "IPv6 for containers, step by step",
      description: "Enable IPv6 in the daemon, pick a prefix, and get traffic in and out without NAT.",
      tags: ["networking"],
      level: "PRACTITIONER",
      lengthMinutes: 15,
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
    {
      title: "Bind mounts, volumes and tmpfs: which one when",
      description: "Three ways to give a container storage, and the one to pick for code, data and secrets.",
      tags: ["storage"],
      level: "INTRO",
      lengthMinutes: 15,
      labTemplate: "shell",
    },
    {
      title: "Backing up and restoring Docker volumes",
      description: "Consistent backups of a running service's volume, restoring on another host, and testing the restore.",
      tags: ["storage", "databases"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Storage drivers compared: overlay2, devicemapper and btrfs",
      description: "How image layers reach the disk, why your choice of driver changes performance, and when to switch.",
      tags: ["storage", "moby"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Shared storage for Swarm services",
      description: "NFS, volume plugins and what happens to a stateful task when Swarm moves it to another node.",
      tags: ["storage", "swarm"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "Tuning PostgreSQL in a container",
      description: "Shared memory, fsync and the volume under the data directory: getting bare-metal performance back.",
      tags: ["storage", "databases"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "Writing a volume plugin in Go",
      description: "The `VolumeDriver` API from create to unmount, and a small plugin that stores data where you choose.",
      tags: ["storage", "go"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
    },
    {
      title: "Persistent volumes in Kubernetes for Docker users",
      description: "From `docker volume create` to claims, storage classes and dynamic provisioning.",
      tags: ["storage", "kubernetes"],
      level: "INTRO",
      lengthMinutes: 20,
    },
    {
      title: "Why is my disk full? Cleaning up images, layers and volumes",
      description: "`docker system df`, `prune` and dangling volumes, and a cleanup policy for build machines.",
      tags: ["storage", "image-building"],
      level: "INTRO",
      lengthMinutes: 15,
      labTemplate: "shell",
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
    {
      title: "Logging drivers: getting container logs where they belong",
      description: "json-file, syslog, fluentd and gelf: what each does with your logs and what happens when the collector is down.",
      tags: ["observability"],
      level: "INTRO",
      lengthMinutes: 20,
    },
    {
      title: "Container metrics from the ground up with cAdvisor",
      description: "Where per-container CPU and memory numbers come from in cgroups, and how cAdvisor and node-exporter expose them.",
      tags: ["observability"],
      level: "PRACTITIONER",
      lengthMinutes: 20,
    },
    {
      title: "Following one request across microservices with Zipkin",
      description: "Propagate trace IDs between two services and read the waterfall to find where the latency hides.",
      tags: ["observability", "microservices"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
      labTemplate: "two-services",
    },
    {
      title: "Centralized logging with the ELK stack",
      description: "Ship container logs to Elasticsearch, add the service name and container ID, and build searches people use.",
      tags: ["observability"],
      level: "PRACTITIONER",
      lengthMinutes: 30,
    },
    {
      title: "Debugging a running container: exec, nsenter and sysdig",
      description: "Get inside a container that has no shell, look at its processes, files and syscalls, and leave no trace.",
      tags: ["observability", "developer-tools"],
      level: "DEEP_DIVE",
      lengthMinutes: 30,
      labTemplate: "shell",
    },
    {
      title: "Health checks that mean something",
      description: "`HEALTHCHECK` that tests the app rather than the port, and how orchestrators act on the result.",
      tags: ["observability", "orchestration"],
      level: "INTRO",
      lengthMinutes: 15,
    },
    {
      title: "Docker engine metrics in Prometheus",
      description: "Turn on the daemon's metrics endpoint, scrape it, and the few graphs worth putting on a dashboard.",
      tags: ["observability"],
      level: "PRACTITIONER",
      lengthMinutes: 15,
    },
    {
      title: "Capacity planning from container metrics",
      description: "Requests, limits and real usage over a month: deciding how many hosts you need, with numbers.",
      tags: ["observability", "cloud"],
      level: "DEEP_DIVE",
      lengthMinutes: 20,
    },
  ],
};

export interface DemoPerson {
  id: string;
  offerTags: readonly string[];
}

export type DemoOfferRow = DemoOffer & { ownerId: string };

/**
 * The offer each person publishes for each of their first two topics: the topic's least-used offer,
 * first in list order on a tie. That hands a topic's offers out in turn and repeats a title only once
 * all of the topic's offers are taken. `used` counts titles already published, so a later run for
 * newly added people carries on where the last one stopped. Deterministic for a given order of people.
 */
export function assignDemoOffers(people: readonly DemoPerson[], used: ReadonlyMap<string, number> = new Map()): DemoOfferRow[] {
  const uses = new Map(used);
  const count = (offer: DemoOffer) => uses.get(offer.title) ?? 0;
  const rows: DemoOfferRow[] = [];
  for (const person of people) {
    const topics = person.offerTags.filter((t) => OFFERS[t]?.length);
    for (const topic of topics.slice(0, 2)) {
      const offer = OFFERS[topic]!.reduce((best, o) => (count(o) < count(best) ? o : best));
      uses.set(offer.title, count(offer) + 1);
      rows.push({ ...offer, tags: [...offer.tags], ownerId: person.id });
    }
  }
  return rows;
}

/**
 * Offers for the seeded attendees, from the topics they offer. Idempotent: people who already hold
 * an offer are left alone. Returns how many offers it created.
 */
export async function seedDemoOffers(db: Db): Promise<number> {
  const demoAttendees = { role: "ATTENDEE" as const, email: { endsWith: "@mingle.test" } };
  const people = await db.user.findMany({
    where: { ...demoAttendees, offers: { none: {} } },
    select: { id: true, profile: { select: { offerTags: true } } },
    orderBy: { email: "asc" },
  });
  if (people.length === 0) return 0;
  // Titles earlier runs already gave out, so people added since get the ones not yet taken.
  const used = new Map<string, number>();
  for (const { title } of await db.offer.findMany({ where: { owner: demoAttendees }, select: { title: true } })) used.set(title, (used.get(title) ?? 0) + 1);
  const rows = assignDemoOffers(
    people.map((p) => ({ id: p.id, offerTags: p.profile?.offerTags ?? [] })),
    used,
  );
  for (const row of rows) await db.offer.create({ data: row, select: { id: true } });
  return rows.length;
}
