/**
 * The operator's deadlines (R10, R24, R30, R31), pure: a request is due `days` business days after
 * the day it was filed (2 by default, `PROCURA_OPERATOR_DEADLINE_DAYS`); the queue shows overdue
 * requests first, then by deadline, then by filing time.
 */
import { addBusinessDays } from '../domain/business-day.js';

const defaultDeadlineDays = 2;

/** The number of business days the operator has, from the environment (a positive integer) or 2. */
export function deadlineDays(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const value = Number(env.PROCURA_OPERATOR_DEADLINE_DAYS ?? defaultDeadlineDays);
  if (!Number.isInteger(value) || value < 1 || value > 60) throw new Error('PROCURA_OPERATOR_DEADLINE_DAYS must be a whole number of business days, 1 to 60');
  return value;
}

export interface Dated {
  readonly requestedOn: string;
  readonly requestedAt: string;
}

/** Each item with its deadline and whether it is overdue `today`, overdue first. */
export function withDeadlines<T extends Dated>(items: readonly T[], today: string, days: number): Array<T & { deadline: string; overdue: boolean }> {
  return items
    .map((item) => {
      const deadline = addBusinessDays(item.requestedOn, days);
      return { ...item, deadline, overdue: deadline < today };
    })
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline) || a.requestedAt.localeCompare(b.requestedAt));
}
