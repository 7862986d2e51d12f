import { managerRoles, type Role } from '../domain/roles.js';
import type { Standing } from './table.js';

/**
 * The caller's standing in an organization, from their active membership's role there (if any) and
 * whether they are a delegate of an active mandate on it. Pure. A membership wins over a mandate:
 * a person who is both member and delegate acts as the member they are.
 */
export function standingOf(role: Role | null, delegate: boolean): Standing | null {
  if (role !== null) return managerRoles.includes(role) ? 'manager' : role === 'member' ? 'member' : 'observer';
  return delegate ? 'delegate' : null;
}
