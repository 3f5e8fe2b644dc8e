/**
 * At most one call per window: the first call runs at once, any further calls inside the window
 * collapse into one call at its end. For broadcasts like `availability:changed`: every page that
 * listens refetches, so fifty bookings a second must not become fifty refetches per open page.
 */
export function coalesce(run: () => void, windowMs: number, timers: Pick<typeof globalThis, "setTimeout"> = globalThis): () => void {
  let open = false;
  let pending = false;
  const close = () => {
    if (pending) {
      pending = false;
      run();
      timers.setTimeout(close, windowMs);
    } else open = false;
  };
  return () => {
    if (open) {
      pending = true;
      return;
    }
    open = true;
    run();
    timers.setTimeout(close, windowMs);
  };
}
