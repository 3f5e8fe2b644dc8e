import { describe, expect, it } from "vitest";
import { signUpInput } from "./schema";

describe("signUpInput", () => {
  it("normalizes the e-mail", () => {
    const parsed = signUpInput.parse({ name: " Ada ", email: " Ada@Example.COM ", password: "x".repeat(12) });
    expect(parsed).toMatchObject({ name: "Ada", email: "ada@example.com" });
  });
  it("says which field is missing, of the wrong type, malformed or unknown", () => {
    const result = signUpInput.safeParse({ name: 42, email: "not-an-email", admin: true });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join(".") || (i as { keys?: string[] }).keys?.join(), i.message]));
    expect(messages).toMatchObject({
      name: "Name must be text.",
      email: "Enter a valid e-mail address, like ada@example.com.",
      password: "Password is required.",
    });
    expect(result.error!.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
  });
});
