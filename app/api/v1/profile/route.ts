import { endpoint } from "@/lib/api/handler";
import { profileOperations } from "@/lib/profiles/api";
import { profileDeps } from "@/lib/profiles/deps";
import { getProfile, updateProfile } from "@/lib/profiles/service";

export const GET = endpoint(profileOperations.getOwn, ({ user }) => getProfile(profileDeps(), user, user.id));
export const PATCH = endpoint(profileOperations.update, ({ user, body }) => updateProfile(profileDeps(), user, body));
