import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { addHostInput, drainInput, hostList, hostParams, hostView } from "./schema";

const TAG = "Organizer";

/** The Hosts page's API: the pool of Docker Engines labs run on (organizers only). */
export const hostOperations = {
  list: defineOperation({
    id: "listLabHosts",
    method: "GET",
    path: "/api/v1/organizer/hosts",
    summary: "Every lab host: state, Docker version, runtimes, running labs, memory and CPU in use against its budget, certificate expiry, last error",
    tag: TAG,
    access: "organizer",
    response: hostList,
  }),
  add: defineOperation({
    id: "addLabHost",
    method: "POST",
    path: "/api/v1/organizer/hosts",
    summary: "Add a host by its Engine API URL (unix:// or tcp:// over mutual TLS) and budget; its engine must answer",
    tag: TAG,
    access: "organizer",
    body: addHostInput,
    response: hostView,
    status: 201,
    errors: ["INVALID_JSON", "HOST_NAME_TAKEN", "HOST_URL_TAKEN", "HOST_UNREACHABLE"],
  }),
  drain: defineOperation({
    id: "drainLabHost",
    method: "POST",
    path: "/api/v1/organizer/hosts/{hostId}/drain",
    summary: "Stop new labs and the warm pool on a host; running labs finish there, or with move: true are relaunched elsewhere",
    tag: TAG,
    access: "organizer",
    params: hostParams,
    body: drainInput,
    response: hostView.extend({ moved: z.number().int() }),
    errors: ["INVALID_JSON", "HOST_NOT_FOUND"],
  }),
  activate: defineOperation({
    id: "activateLabHost",
    method: "POST",
    path: "/api/v1/organizer/hosts/{hostId}/activate",
    summary: "A drained host takes labs again",
    tag: TAG,
    access: "organizer",
    params: hostParams,
    response: hostView,
    errors: ["HOST_NOT_FOUND"],
  }),
  remove: defineOperation({
    id: "removeLabHost",
    method: "DELETE",
    path: "/api/v1/organizer/hosts/{hostId}",
    summary: "Remove a drained host that runs no labs",
    tag: TAG,
    access: "organizer",
    params: hostParams,
    status: 204,
    errors: ["HOST_NOT_FOUND", "HOST_IS_LOCAL", "HOST_NOT_DRAINED", "HOST_NOT_EMPTY"],
  }),
};
