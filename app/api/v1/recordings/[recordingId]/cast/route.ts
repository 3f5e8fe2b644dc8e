import { downloadResponse } from "@/lib/api/download";
import { endpoint } from "@/lib/api/handler";
import { recordingOperations as ops } from "@/lib/recordings/api";
import { recordingDeps } from "@/lib/recordings/deps";
import { downloadRecording } from "@/lib/recordings/download-recording";

export const GET = endpoint(ops.downloadRecording, ({ user, params }) => downloadResponse(downloadRecording(recordingDeps(), user, params.recordingId)));
