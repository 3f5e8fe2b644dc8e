import { appMetrics, type AppMetrics } from "@/lib/metrics/registry";

interface OperationLabel {
  id: string;
  tag: string;
  method: string;
}

/** The booking slice's operations (lib/booking/api.ts) are tagged so in the API document. */
const BOOKING_TAG = "Booking";
const CONFLICT = 409;

/**
 * Counts one answered API operation where it is counted: booking writes by result code, and
 * their 409s again as conflicts. Reads and other slices are timed by the HTTP histogram only.
 */
export function countOperation(op: OperationLabel, code: string, status: number, metrics: AppMetrics = appMetrics()): void {
  if (op.tag !== BOOKING_TAG || op.method === "GET") return;
  metrics.bookingOperations.inc({ operation: op.id, code });
  if (status === CONFLICT) metrics.bookingConflicts.inc({ operation: op.id, code });
}
