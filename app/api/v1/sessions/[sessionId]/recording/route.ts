import { endpoint } from "@/lib/api/handler";
import { recordingOperations as ops } from "@/lib/recordings/api";
import { recordingDeps } from "@/lib/recordings/deps";
import { getSessionRecording } from "@/lib/recordings/get-session-recording";
import { setSessionRecording } from "@/lib/recordings/set-session-recording";

export const GET = endpoint(ops.getSessionRecording, ({ user, params }) => getSessionRecording(recordingDeps(), user, params.sessionId));
export const PUT = endpoint(ops.setSessionRecording, ({ user, params, body }) => setSessionRecording(recordingDeps(), user, params.sessionId, body));
