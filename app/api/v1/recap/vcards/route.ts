import { downloadResponse } from "@/lib/api/download";
import { endpoint } from "@/lib/api/handler";
import { recapOperations as ops } from "@/lib/recap/api";
import { recapDeps } from "@/lib/recap/deps";
import { downloadVcards } from "@/lib/recap/download-vcards";

export const GET = endpoint(ops.vcards, ({ user }) => downloadResponse(downloadVcards(recapDeps(), user)));
