import { defineOperation } from "@/lib/api/operation";
import { analyticsExportQuery, analyticsQuery, analyticsView } from "./schema";

const TAG = "Organizer";

/** The organizer's Analytics page over /api/v1; realtime: the page refetches on `availability:changed`. */
export const analyticsOperations = {
  analytics: defineOperation({
    id: "organizerAnalytics",
    method: "GET",
    path: "/api/v1/organizer/analytics",
    summary: "Funnel, held sessions, people, tables, topics and labs, in the conference's zone, for all days or one, all areas or one",
    tag: TAG,
    access: "organizer",
    query: analyticsQuery,
    response: analyticsView,
    errors: ["NOT_FOUND", "DAY_OUTSIDE_CONFERENCE", "AREA_NOT_FOUND"],
  }),
  analyticsCsv: defineOperation({
    id: "organizerAnalyticsCsv",
    method: "GET",
    path: "/api/v1/organizer/analytics/export",
    summary: "One analytics table (or every session in scope) as CSV, same filters; text cells that a spreadsheet would run as a formula start with an apostrophe",
    tag: TAG,
    access: "organizer",
    query: analyticsExportQuery,
    produces: "text/csv",
    errors: ["NOT_FOUND", "DAY_OUTSIDE_CONFERENCE", "AREA_NOT_FOUND"],
  }),
};
