/** R19: when the managers are reminded of an expiry. Pure, on calendar dates (YYYY-MM-DD, the platform's day). */
import { portal } from '../profile/profile.js';

/**
 * The profile's day (`expiryReminders.dayOfMonth`, the 20th by default, issue 17) of the month
 * before the expiry date: `2026-05-10` → `2026-04-20`, `2026-01-31` → `2025-12-20`.
 */
export function reminderDay(expiresOn: string, dayOfMonth = portal().expiryReminders.dayOfMonth): string {
  const [year, month] = expiresOn.split('-').map(Number) as [number, number];
  const before = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return `${before.year}-${String(before.month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/**
 * R19: due from the reminder day until the expiry itself, so that a scheduler that was stopped on
 * the 20th catches up, and an expiry set after the 20th is still announced. Once per membership
 * and expiry date: the caller records what was sent.
 */
export function isReminderDue(expiresOn: string, today: string): boolean {
  return reminderDay(expiresOn) <= today && today <= expiresOn;
}
