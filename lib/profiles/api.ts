import { defineOperation } from "@/lib/api/operation";
import { profileParams, profileUpdate, profileView } from "./schema";

export const profileOperations = {
  getOwn: defineOperation({
    id: "getMyProfile",
    method: "GET",
    path: "/api/v1/profile",
    summary: "Your own profile",
    tag: "Profiles",
    access: "user",
    response: profileView,
  }),
  update: defineOperation({
    id: "updateMyProfile",
    method: "PATCH",
    path: "/api/v1/profile",
    summary: "Update your profile; tags are normalized (k8s → kubernetes)",
    tag: "Profiles",
    access: "user",
    body: profileUpdate,
    response: profileView,
    errors: ["INVALID_JSON", "VALIDATION_FAILED"],
  }),
  get: defineOperation({
    id: "getProfile",
    method: "GET",
    path: "/api/v1/profiles/{userId}",
    summary: "Someone's profile, as far as their visibility setting allows",
    tag: "Profiles",
    access: "user",
    params: profileParams,
    response: profileView,
    errors: ["NOT_FOUND"],
  }),
};
