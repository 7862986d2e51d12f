import { describe, expect, it } from 'vitest';
import { addBusinessDays } from '../domain/business-day.js';
import { deadlineDays, withDeadlines } from './deadlines.js';

describe("the operator's deadlines (R10, R24, R30, R31)", () => {
  it('2 business days by default, skipping the week-end; a request filed on a week-end counts from Monday', () => {
    expect(addBusinessDays('2026-03-10', 2)).toBe('2026-03-12'); // Tuesday → Thursday
    expect(addBusinessDays('2026-03-12', 2)).toBe('2026-03-16'); // Thursday → Monday
    expect(addBusinessDays('2026-03-13', 2)).toBe('2026-03-17'); // Friday → Tuesday
    expect(addBusinessDays('2026-03-14', 2)).toBe('2026-03-18'); // Saturday → Wednesday
    expect(deadlineDays({})).toBe(2);
    expect(deadlineDays({ PROCURA_OPERATOR_DEADLINE_DAYS: '5' })).toBe(5);
    expect(() => deadlineDays({ PROCURA_OPERATOR_DEADLINE_DAYS: 'two' })).toThrow(/PROCURA_OPERATOR_DEADLINE_DAYS/);
  });

  it('overdue first, then the nearest deadline', () => {
    const items = [
      { id: 'recent', requestedOn: '2026-03-12', requestedAt: '2026-03-12T08:00:00Z' },
      { id: 'late', requestedOn: '2026-03-02', requestedAt: '2026-03-02T08:00:00Z' },
      { id: 'due', requestedOn: '2026-03-10', requestedAt: '2026-03-10T08:00:00Z' },
    ];
    const queue = withDeadlines(items, '2026-03-12', 2);
    expect(queue.map((i) => [i.id, i.deadline, i.overdue])).toEqual([
      ['late', '2026-03-04', true],
      ['due', '2026-03-12', false],
      ['recent', '2026-03-16', false],
    ]);
  });
});
