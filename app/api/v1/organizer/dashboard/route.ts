import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { dashboardDeps } from "@/lib/organizer/deps";
import { getDashboard } from "@/lib/organizer/service";

export const GET = endpoint(ops.dashboard, () => getDashboard(dashboardDeps()));
