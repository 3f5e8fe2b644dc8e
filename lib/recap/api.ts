import { defineOperation } from "@/lib/api/operation";
import { recapPersonParams, recapSessionParams, recapSessionView, recapView } from "./schema";

const TAG = "Recap";

/** The attendee's recap over /api/v1: the whole conference, one session, and contact cards of people met. */
export const recapOperations = {
  recap: defineOperation({
    id: "getMyRecap",
    method: "GET",
    path: "/api/v1/recap",
    summary: "My conference so far: sessions held, people met with the contact details they share, notes and ratings I gave, labs I used",
    tag: TAG,
    access: "user",
    response: recapView,
    errors: ["NOT_FOUND"],
  }),
  sessionRecap: defineOperation({
    id: "getSessionRecap",
    method: "GET",
    path: "/api/v1/recap/sessions/{sessionId}",
    summary: "One of my agreed sessions once it has started: whom I met, what I gave, the labs we used",
    tag: TAG,
    access: "user",
    params: recapSessionParams,
    response: recapSessionView,
    errors: ["NOT_FOUND"],
  }),
  vcards: defineOperation({
    id: "getMyContactsVcard",
    method: "GET",
    path: "/api/v1/recap/vcards",
    summary: "Everyone I met, as one vCard 4.0 file (RFC 6350)",
    tag: TAG,
    access: "user",
    produces: "text/vcard",
    errors: ["NOT_FOUND", "NOT_MET"],
  }),
  personVcard: defineOperation({
    id: "getPersonVcard",
    method: "GET",
    path: "/api/v1/recap/people/{userId}/vcard",
    summary: "The vCard of one person I met (404 NOT_MET for anyone else)",
    tag: TAG,
    access: "user",
    params: recapPersonParams,
    produces: "text/vcard",
    errors: ["NOT_FOUND", "NOT_MET"],
  }),
};
