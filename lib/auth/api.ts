import { defineOperation } from "@/lib/api/operation";
import { signUpInput, userView } from "./schema";

export const authOperations = {
  signUp: defineOperation({
    id: "signUp",
    method: "POST",
    path: "/api/v1/auth/signup",
    summary: "Create an account with e-mail and password (then sign in through /api/auth)",
    tag: "Auth",
    access: "public",
    body: signUpInput,
    response: userView,
    status: 201,
    errors: ["INVALID_JSON", "VALIDATION_FAILED", "WEAK_PASSWORD", "EMAIL_TAKEN", "TOO_MANY_ATTEMPTS"],
  }),
  me: defineOperation({
    id: "getMe",
    method: "GET",
    path: "/api/v1/me",
    summary: "The signed-in user",
    tag: "Auth",
    access: "user",
    response: userView,
  }),
};
