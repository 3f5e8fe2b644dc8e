"use client";

import type { KeyboardEvent, ReactNode } from "react";

export interface TabItem<K extends string | number> {
  id: K;
  content: ReactNode;
  testId?: string;
}

const LOOKS = {
  /** One bar with the chosen tab filled (the Offers page). */
  segmented: {
    bar: "flex gap-1 overflow-x-auto rounded-xl bg-white p-1 shadow-sm ring-1 ring-slate-200 sm:inline-flex",
    tab: "flex-1 whitespace-nowrap rounded-lg px-3 py-2 text-sm font-semibold sm:flex-none sm:px-4",
    on: "bg-moby-600 text-white",
    off: "text-slate-600 hover:bg-slate-100",
  },
  /** Separate outlined buttons that wrap (a lab's pages). */
  pills: {
    bar: "flex flex-wrap gap-1",
    tab: "rounded-lg px-3 py-1.5 text-sm font-semibold ring-1 transition",
    on: "bg-moby-600 text-white ring-moby-600",
    off: "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
  },
} as const;

const STEP: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * A row of tabs, as WAI-ARIA describes them: the row is one stop for Tab, and the arrow keys,
 * Home and End move to (and choose) another tab.
 */
export function TabBar<K extends string | number>({
  label,
  items,
  selected,
  onSelect,
  look = "segmented",
  disabled = false,
}: {
  label: string;
  items: TabItem<K>[];
  /** The chosen tab; none yet makes the first one the row's tab stop. */
  selected: K | undefined;
  onSelect: (id: K) => void;
  look?: keyof typeof LOOKS;
  disabled?: boolean;
}) {
  const style = LOOKS[look];
  const stop = items.some((t) => t.id === selected) ? selected : items[0]?.id;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = STEP[e.key];
    if (!step || disabled || items.length === 0) return;
    e.preventDefault();
    // `stop` is always one of the items here (the chosen tab, else the first).
    const next = step(
      items.findIndex((t) => t.id === stop),
      items.length,
    );
    onSelect(items[next]!.id);
    e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={style.bar} onKeyDown={onKeyDown}>
      {items.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={t.id === selected}
          tabIndex={t.id === stop ? 0 : -1}
          data-testid={t.testId}
          disabled={disabled}
          onClick={() => onSelect(t.id)}
          className={`${style.tab} ${t.id === selected ? style.on : style.off}`}
        >
          {t.content}
        </button>
      ))}
    </div>
  );
}
