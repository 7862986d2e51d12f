/** The members list's criteria, between the hash's query string and the API's query. */
import { memberSorts, memberStatuses, roles, type MemberQuery, type MemberSort, type MemberStatus, type Role } from '../../api/index.js';

export interface Criteria {
  readonly q: string;
  readonly role: Role | '';
  readonly status: MemberStatus | '';
  readonly sort: MemberSort;
  readonly page: number;
}

const sorts: readonly string[] = memberSorts.flatMap((s) => [s, `-${s}`]);

/** Reads the hash's query, ignoring what is not a valid criterion (a link edited by hand). */
export function criteriaFrom(query: URLSearchParams): Criteria {
  const role = query.get('role') ?? '';
  const status = query.get('status') ?? '';
  const sort = query.get('sort') ?? 'name';
  const page = Number(query.get('page') ?? '1');
  return {
    q: (query.get('q') ?? '').slice(0, 100),
    role: (roles as readonly string[]).includes(role) ? (role as Role) : '',
    status: (memberStatuses as readonly string[]).includes(status) ? (status as MemberStatus) : '',
    sort: sorts.includes(sort) ? (sort as MemberSort) : 'name',
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
  };
}

/** The API's query (and the hash's): empty criteria and defaults left out. */
export function queryOf(criteria: Criteria): MemberQuery {
  return {
    ...(criteria.q.trim() ? { q: criteria.q.trim() } : {}),
    ...(criteria.role ? { role: [criteria.role] } : {}),
    ...(criteria.status ? { status: [criteria.status] } : {}),
    ...(criteria.sort !== 'name' ? { sort: criteria.sort } : {}),
    ...(criteria.page > 1 ? { page: criteria.page } : {}),
  };
}
