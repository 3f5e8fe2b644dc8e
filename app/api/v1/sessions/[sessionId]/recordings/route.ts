import { endpoint } from "@/lib/api/handler";
import { recordingOperations as ops } from "@/lib/recordings/api";
import { recordingDeps } from "@/lib/recordings/deps";
import { listSessionRecordings } from "@/lib/recordings/list-session-recordings";

export const GET = endpoint(ops.listSessionRecordings, ({ user, params }) => listSessionRecordings(recordingDeps(), user, params.sessionId));
