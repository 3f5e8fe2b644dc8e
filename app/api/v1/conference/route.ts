import { endpoint } from "@/lib/api/handler";
import { conferenceOperations } from "@/lib/conference/api";
import { getConference } from "@/lib/conference/service";

export const GET = endpoint(conferenceOperations.get, () => getConference());
