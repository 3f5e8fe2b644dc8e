/**
 * A certificate is renewed once less than a third of its lifetime is left (a 90-day certificate
 * after 60 days): early enough that a host or a Mingle that is down for a while still renews in time.
 */
export const RENEW_WHEN_LEFT = 1 / 3;

export function renewAfter(notBefore: Date, notAfter: Date): Date {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  return new Date(notAfter.getTime() - lifetime * RENEW_WHEN_LEFT);
}

export function renewalDue(notBefore: Date, notAfter: Date, now: Date): boolean {
  return now.getTime() >= renewAfter(notBefore, notAfter).getTime();
}
