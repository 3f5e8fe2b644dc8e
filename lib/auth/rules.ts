import { PASSWORD_MIN } from "./schema";

// A short list of passwords people pick first; a real deployment would add a breached-password check.
const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "letmein123",
  "iloveyou12",
  "docker1234",
  "dockercon17",
  "dockercon2017",
  "welcome123",
  "admin12345",
]);

/** Returns a message saying what is wrong with the password, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN) return `Password needs at least ${PASSWORD_MIN} characters.`;
  if (COMMON.has(password.toLowerCase())) return "That password is too common; pick another.";
  if (password.toLowerCase() === email.toLowerCase()) return "Password must not be your e-mail address.";
  if (new Set(password).size < 4) return "Password needs more variety than a few repeated characters.";
  return null;
}
