import Link from "next/link";

export function OrganizerTabs({ active }: { active: "desk" | "setup" | "analytics" | "hosts" | "templates" }) {
  const tab = (href: string, label: string, on: boolean) => (
    <Link
      href={href}
      aria-current={on ? "page" : undefined}
      className={`rounded-lg px-3 py-1.5 text-sm font-semibold ${on ? "bg-ink text-white" : "text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Organizer" className="flex flex-wrap gap-2">
      {tab("/organizer", "Mingle desk", active === "desk")}
      {tab("/organizer/analytics", "Analytics", active === "analytics")}
      {tab("/organizer/setup", "Set-up", active === "setup")}
      {tab("/organizer/hosts", "Lab hosts", active === "hosts")}
      {tab("/organizer/templates", "Templates", active === "templates")}
    </nav>
  );
}
