import { defineOperation } from "@/lib/api/operation";
import { conferenceView } from "./schema";

export const conferenceOperations = {
  get: defineOperation({
    id: "getConference",
    method: "GET",
    path: "/api/v1/conference",
    summary: "The conference: dates, time zone, mingle hours, areas and tables",
    tag: "Conference",
    access: "public",
    response: conferenceView,
    errors: ["NOT_FOUND"],
  }),
};
