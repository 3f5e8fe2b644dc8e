import { downloadResponse } from "@/lib/api/download";
import { endpoint } from "@/lib/api/handler";
import { analyticsOperations as ops } from "@/lib/analytics/api";
import { analyticsDeps } from "@/lib/analytics/deps";
import { exportAnalyticsCsv } from "@/lib/analytics/export-analytics-csv";

export const GET = endpoint(ops.analyticsCsv, ({ query }) => downloadResponse(exportAnalyticsCsv(analyticsDeps(), query)));
