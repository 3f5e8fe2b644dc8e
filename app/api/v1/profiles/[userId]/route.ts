import { endpoint } from "@/lib/api/handler";
import { profileOperations } from "@/lib/profiles/api";
import { profileDeps } from "@/lib/profiles/deps";
import { getProfile } from "@/lib/profiles/service";

export const GET = endpoint(profileOperations.get, ({ user, params }) => getProfile(profileDeps(), user, params.userId));
