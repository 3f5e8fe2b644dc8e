import { Button } from "@/components/ui/button";

/** A form's submit button with "Saving…" while busy, and a polite status once saved. */
export function SaveRow({ label, busy, saved, savedText = "Saved." }: { label: string; busy: boolean; saved: boolean; savedText?: string }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" disabled={busy}>
        {busy ? "Saving…" : label}
      </Button>
      {saved ? (
        <span role="status" className="text-sm font-medium text-green-700">
          {savedText}
        </span>
      ) : null}
    </div>
  );
}
