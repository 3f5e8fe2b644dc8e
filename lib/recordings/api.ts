import { defineOperation } from "@/lib/api/operation";
import { recordingParams, sessionRecordingParams, sessionRecordingsView, sessionRecordingView, setSessionRecordingBody } from "./schema";

const TAG = "Recordings";

/** Session labs' terminal recordings over /api/v1: the off switch, the list for the recap page, the .cast file. */
export const recordingOperations = {
  getSessionRecording: defineOperation({
    id: "getSessionRecording",
    method: "GET",
    path: "/api/v1/sessions/{sessionId}/recording",
    summary: "Whether the session's lab terminal will be recorded, and whether I may change that (its two people only)",
    tag: TAG,
    access: "user",
    params: sessionRecordingParams,
    response: sessionRecordingView,
    errors: ["NOT_FOUND"],
  }),
  setSessionRecording: defineOperation({
    id: "setSessionRecording",
    method: "PUT",
    path: "/api/v1/sessions/{sessionId}/recording",
    summary: "Turn the session's lab terminal recording off (or, if I turned it off, on again) before the lab's terminal first opens",
    tag: TAG,
    access: "user",
    params: sessionRecordingParams,
    body: setSessionRecordingBody,
    response: sessionRecordingView,
    errors: ["NOT_FOUND", "RECORDING_LOCKED", "VALIDATION_FAILED"],
  }),
  listSessionRecordings: defineOperation({
    id: "listSessionRecordings",
    method: "GET",
    path: "/api/v1/sessions/{sessionId}/recordings",
    summary: "The session's terminal recordings, one per lab it had (its two people only)",
    tag: TAG,
    access: "user",
    params: sessionRecordingParams,
    response: sessionRecordingsView,
    errors: ["NOT_FOUND"],
  }),
  downloadRecording: defineOperation({
    id: "downloadRecording",
    method: "GET",
    path: "/api/v1/recordings/{recordingId}/cast",
    summary: "One recording as an asciicast v2 file (.cast), for the session's two people only",
    tag: TAG,
    access: "user",
    params: recordingParams,
    produces: "application/x-asciicast",
    errors: ["NOT_FOUND"],
  }),
};
