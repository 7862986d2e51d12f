import { describe, expect, it } from 'vitest';
import { isReminderDue, reminderDay } from './rules.js';

describe('R19: the expiry reminder, on the 20th of the month before', () => {
  it('is the 20th of the month before, across a year', () => {
    expect(reminderDay('2026-05-10')).toBe('2026-04-20');
    expect(reminderDay('2026-05-31')).toBe('2026-04-20');
    expect(reminderDay('2026-01-05')).toBe('2025-12-20');
    // Issue 17: the profile's day of the month (expiryReminders.dayOfMonth).
    expect(reminderDay('2026-05-10', 5)).toBe('2026-04-05');
  });

  it('is due from that day to the expiry, not before, not after', () => {
    expect(isReminderDue('2026-05-10', '2026-04-19')).toBe(false);
    expect(isReminderDue('2026-05-10', '2026-04-20')).toBe(true);
    expect(isReminderDue('2026-05-10', '2026-05-02')).toBe(true);
    expect(isReminderDue('2026-05-10', '2026-05-10')).toBe(true);
    expect(isReminderDue('2026-05-10', '2026-05-11')).toBe(false);
  });
});
