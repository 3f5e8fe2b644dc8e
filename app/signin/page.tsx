import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { githubEnabled } from "@/lib/env";
import { getCurrentUser } from "@/lib/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

function safeCallback(url: string | undefined): string {
  // Only same-site paths, so the sign-in page cannot be used to bounce people elsewhere.
  return url?.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallback(callbackUrl);
  if (await getCurrentUser()) redirect(target);
  return <SignInForm callbackUrl={target} github={githubEnabled()} initialError={error ? "Sign-in failed. Please try again." : null} />;
}
