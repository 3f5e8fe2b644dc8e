import { Badge } from "@/components/ui/card";
import { LEVEL_LABELS } from "@/lib/offers/rules";
import type { OfferLevelName } from "@/lib/offers/schema";
import { tagLabel } from "@/lib/tags/rules";
import { labTemplateLabel } from "@/lib/templates/rules";

export function OfferBadges({ level, lengthMinutes, labTemplate }: { level: OfferLevelName; lengthMinutes: number; labTemplate: string | null }) {
  return (
    <span className="flex flex-wrap gap-1.5">
      <Badge tone={level === "DEEP_DIVE" ? "amber" : level === "INTRO" ? "green" : "slate"}>{LEVEL_LABELS[level]}</Badge>
      <Badge>{lengthMinutes} min</Badge>
      {labTemplate ? (
        <Badge tone="moby">
          <span aria-hidden="true" className="mr-1">
            ▸_
          </span>
          Live lab: {labTemplateLabel(labTemplate)}
        </Badge>
      ) : null}
    </span>
  );
}

export function TagList({ tags, active, onPick }: { tags: readonly string[]; active?: string; onPick?: (tag: string) => void }) {
  if (tags.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          {onPick ? (
            <button
              type="button"
              onClick={() => onPick(tag)}
              className={`rounded-full px-2 py-0.5 text-xs ring-1 ${active === tag ? "bg-moby-600 text-white ring-moby-600" : "bg-white text-slate-600 ring-slate-200 hover:ring-moby-500"}`}
            >
              #{tagLabel(tag)}
            </button>
          ) : (
            <span className="rounded-full bg-white px-2 py-0.5 text-xs text-slate-600 ring-1 ring-slate-200">#{tagLabel(tag)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
