import { z } from "zod";
import { singleLine } from "@/lib/text-input";

/** "X is required." when missing, "X must be text." when of another type. */
function required(label: string) {
  return { error: (issue: { input: unknown }) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`) };
}

export const emailSchema = singleLine("E-mail", required("E-mail"))
  .toLowerCase()
  .max(254, "E-mail is too long.")
  .pipe(z.email({ error: "Enter a valid e-mail address, like ada@example.com." }));

export const PASSWORD_MIN = 10;

export const signUpInput = z.strictObject({
  name: singleLine("Name", required("Name")).min(2, "Name needs at least 2 characters.").max(80, "Name is at most 80 characters."),
  email: emailSchema,
  // Never stored as text (only its hash), and never normalised: the same bytes must keep signing in.
  password: z.string(required("Password")).max(200, "Password is at most 200 characters."),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: singleLine("E-mail").toLowerCase().max(254),
  password: z.string().max(200),
});
export type SignInInput = z.infer<typeof signInInput>;

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["ATTENDEE", "ORGANIZER"]),
});
export type UserView = z.infer<typeof userView>;
