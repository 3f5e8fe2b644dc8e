/**
 * Pure rules for extending a lab's time. A template sets the step and the longest a lab may run
 * from its start (x-mingle.extend); an extension adds one step, cut at that maximum. Extending
 * needs no new capacity: the lab keeps the place it holds on its host (its containers and their
 * limits do not change), so the only host condition is that the host still takes lab time — an
 * active host that answers, not one being drained or down.
 */
export interface ExtendPlan {
  stepSeconds: number;
  latestEnd: Date;
  /** The end after one more extension, or null when the lab already runs to its latest end. */
  next: Date | null;
}

export function extendPlan(lab: { createdAt: Date; expiresAt: Date }, extend: { step: number; max: number }): ExtendPlan {
  const latestEnd = new Date(lab.createdAt.getTime() + extend.max * 1000);
  const wanted = new Date(lab.expiresAt.getTime() + extend.step * 1000);
  const next = lab.expiresAt.getTime() >= latestEnd.getTime() ? null : wanted.getTime() > latestEnd.getTime() ? latestEnd : wanted;
  return { stepSeconds: extend.step, latestEnd, next };
}
