/**
 * Today in the platform's time zone (Europe/Zurich, also right for France): expiry dates (R19),
 * subscription ends (R15) and mandate ends (R27) turn over at local midnight, not UTC's.
 */
export function businessDay(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
