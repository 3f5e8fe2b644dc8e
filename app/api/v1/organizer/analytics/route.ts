import { endpoint } from "@/lib/api/handler";
import { analyticsOperations as ops } from "@/lib/analytics/api";
import { analyticsDeps } from "@/lib/analytics/deps";
import { getAnalytics } from "@/lib/analytics/get-analytics";

export const GET = endpoint(ops.analytics, ({ query }) => getAnalytics(analyticsDeps(), query));
