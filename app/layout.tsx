import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Header } from "@/components/layout/header";
import { Toaster } from "@/components/notifications/toaster";
import { conferenceDeps } from "@/lib/conference/deps";
import { currentConferenceName } from "@/lib/conference/service";
import { getCurrentUser } from "@/lib/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Mingle", template: "%s · Mingle" },
  description: "Find the right people at the conference and meet them 1-on-1, with a live lab.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2496ed" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, conferenceName] = await Promise.all([getCurrentUser().catch(() => null), currentConferenceName(conferenceDeps())]);
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Header conferenceName={conferenceName} user={user} />
        <main className="mx-auto max-w-6xl px-4 py-6 sm:py-10">{children}</main>
        {user ? <Toaster /> : null}
      </body>
    </html>
  );
}
