import Link from "next/link";
import { NotificationBell } from "@/components/notifications/notification-bell";
import type { UserView } from "@/lib/auth/schema";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function Header({ conferenceName, user }: { conferenceName: string; user: UserView | null }) {
  const links = [
    { href: "/offers", label: "Offers" },
    { href: "/sessions", label: "Sessions" },
    { href: "/now", label: "Now" },
    { href: "/labs", label: "Labs" },
    { href: "/recap", label: "Recap" },
    ...(user?.role === "ORGANIZER" ? [{ href: "/organizer", label: "Organizer" }] : []),
  ];
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
        <Link href="/" className="flex min-w-0 items-center gap-2">
          <span aria-hidden className="grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-moby-500 text-lg font-black text-white">
            M
          </span>
          <span className="min-w-0">
            <span className="block text-xs font-semibold uppercase tracking-wide text-moby-600">Mingle</span>
            <span data-testid="conference-name" className="block truncate text-sm font-bold text-ink">
              {conferenceName}
            </span>
          </span>
        </Link>
        {user ? <NavLinks links={links} className="ml-4 hidden md:flex" /> : null}
        <div className="ml-auto flex items-center gap-2">
          {user ? (
            <>
              <Link href="/profile" className="hidden max-w-40 truncate text-sm font-medium text-slate-700 hover:text-moby-700 sm:block" data-testid="current-user">
                {user.name}
              </Link>
              <NotificationBell />
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/signin" className="whitespace-nowrap rounded-lg px-3 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100">
                Sign in
              </Link>
              <Link href="/signup" className="whitespace-nowrap rounded-lg bg-moby-600 px-3 py-2 text-sm font-semibold text-white hover:bg-moby-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
      {user ? <NavLinks links={[...links, { href: "/profile", label: "Profile" }]} className="flex overflow-x-auto border-t border-slate-100 px-2 md:hidden" /> : null}
    </header>
  );
}
