import Link from "next/link";

export function OrganizerTabs({ active }: { active: "desk" | "setup" }) {
  const tab = (href: string, label: string, on: boolean) => (
    <Link href={href} aria-current={on ? "page" : undefined} className={`rounded-lg px-3 py-1.5 text-sm font-semibold ${on ? "bg-ink text-white" : "text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="Organizer" className="flex gap-2">
      {tab("/organizer", "Mingle desk", active === "desk")}
      {tab("/organizer/setup", "Set-up", active === "setup")}
    </nav>
  );
}
