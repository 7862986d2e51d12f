/**
 * Today in the platform's time zone (Europe/Zurich, also right for France): expiry dates (R19),
 * subscription ends (R15) and mandate ends (R27) turn over at local midnight, not UTC's.
 */
export function businessDay(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * `isoDate` plus `days` business days (Monday to Friday; public holidays are not known to the
 * platform): the operator's deadlines (R10, R24, R30, R31), 2 business days by default. A request
 * filed on a Saturday counts from the Monday.
 */
export function addBusinessDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const weekend = () => date.getUTCDay() === 0 || date.getUTCDay() === 6;
  while (weekend()) date.setUTCDate(date.getUTCDate() + 1);
  for (let left = days; left > 0;) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (!weekend()) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}
