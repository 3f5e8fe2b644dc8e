/** What a new template starts from: the smallest lab that works, with the fields people change first. */
export const STARTER_TEMPLATE = `# A LinuxKit file plus Mingle's x-mingle block. Images must already be on the lab hosts.
services:
  - name: shell
    image: mingle/busybox:1
    command: ["sleep", "inf"]
files:
  - path: lab/motd
    contents: |
      Welcome to my lab.
x-mingle:
  title: My lab
  description: What we will do together.
  isolation: container
  runtime: runc
  limits: { memory: 64m, cpus: 0.5, pids: 64, tmpfs: 16m }
  ttl: 30m
`;
