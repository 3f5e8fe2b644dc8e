import { endpoint } from "@/lib/api/handler";
import { conferenceOperations } from "@/lib/conference/api";
import { conferenceDeps } from "@/lib/conference/deps";
import { getConference } from "@/lib/conference/service";

export const GET = endpoint(conferenceOperations.get, () => getConference(conferenceDeps()));
