import { parseTemplate } from "@/lib/labs/templates";
import type { LabTemplate } from "@/lib/labs/template-schema";

/**
 * A lab for port preview tests and the benchmark: busybox httpd on 8080, a WebSocket echo server
 * on 8081 and a server on 8082 that writes every request's headers to /lab/requests.log (read from
 * inside the lab). busybox has no WebSocket server, so 8081 is `nc -ll -e` running a small sh
 * script: the handshake (sha1sum | xxd -r -p | base64) and short text frames, unmasked and echoed.
 */
const WS_ECHO = String.raw`#!/bin/sh
key=
while IFS= read -r line; do
  line=$(printf '%s' "$line" | tr -d '\r')
  [ -z "$line" ] && break
  case "$(printf '%s' "$line" | tr 'A-Z' 'a-z')" in
    sec-websocket-key:*) key=$(printf '%s' "$line" | cut -d: -f2- | tr -d ' ') ;;
  esac
done
accept=$(printf '%s258EAFA5-E914-47DA-95CA-C5AB0DC85B11' "$key" | sha1sum | cut -d' ' -f1 | xxd -r -p | base64)
printf 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n' "$accept"
bytes() { dd bs=1 count="$1" 2>/dev/null | od -An -tu1 -v; }
while :; do
  set -- $(bytes 2)
  [ $# -eq 2 ] || exit 0
  op=$(($1 & 15)); len=$(($2 & 127))
  [ "$op" -eq 8 ] && { printf '\210\000'; exit 0; }
  [ "$len" -lt 126 ] || exit 0
  set -- $(bytes 4)
  m0=$1 m1=$2 m2=$3 m3=$4
  out= i=0
  if [ "$len" -gt 0 ]; then
    for b in $(bytes "$len"); do
      case $((i % 4)) in 0) m=$m0 ;; 1) m=$m1 ;; 2) m=$m2 ;; *) m=$m3 ;; esac
      out="$out\\$(printf %03o $((b ^ m)))"
      i=$((i + 1))
    done
  fi
  printf "\\$(printf %03o $((128 | op)))\\$(printf %03o "$len")$out"
done
`;

const LOG_HEADERS = String.raw`#!/bin/sh
while IFS= read -r line; do
  line=$(printf '%s' "$line" | tr -d '\r')
  [ -z "$line" ] && break
  printf '%s\n' "$line" >> /lab/requests.log
done
echo -- >> /lab/requests.log
printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nlogged'
`;

const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");

export const PREVIEW_TEMPLATE_YAML = `
onboot:
  - name: write-page
    image: mingle/busybox:1
    command: ["sh", "-c", "mkdir -p /lab/www && echo '<h1>Hello through the preview</h1>' > /lab/www/index.html && head -c 65536 /dev/zero | tr '\\\\0' x > /lab/www/big.txt"]
services:
  - name: web
    image: mingle/busybox:1
    command: ["httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/lab/www"]
  - name: echo
    image: mingle/busybox:1
    command: ["nc", "-ll", "-p", "8081", "-e", "/lab/ws-echo.sh"]
  - name: headers
    image: mingle/busybox:1
    command: ["nc", "-ll", "-p", "8082", "-e", "/lab/log-headers.sh"]
  - name: shell
    image: mingle/busybox:1
    command: ["sleep", "inf"]
files:
  - path: lab/ws-echo.sh
    mode: "0755"
    contents: |
${indent(WS_ECHO)}
  - path: lab/log-headers.sh
    mode: "0755"
    contents: |
${indent(LOG_HEADERS)}
x-mingle:
  title: Preview test lab
  interactive: shell
  limits: { memory: 32m, cpus: 0.5, pids: 64, tmpfs: 8m }
  ttl: 10m
  ports: { 8080: "Web page", 8081: "Echo", 8082: "Headers" }
`;

export function previewTemplate(): LabTemplate {
  const r = parseTemplate("preview-test.yaml", PREVIEW_TEMPLATE_YAML);
  if (!r.template) throw new Error(`preview test template: ${JSON.stringify(r.problems)}`);
  return r.template;
}
