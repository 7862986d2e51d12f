import { describe, expect, it } from 'vitest';
import { batchScope } from './outbox-worker.js';

describe('outbox batch scope (decision 0018)', () => {
  it('compares an organization whole when any row asks it whole, and only named people elsewhere', () => {
    const rows = [
      { id: '1', aggregate_id: 'a', payload: { people: ['p1'] } },
      { id: '2', aggregate_id: 'a', payload: {} },
      { id: '3', aggregate_id: 'b', payload: { people: ['p2'] } },
      { id: '4', aggregate_id: 'c', payload: { people: ['p3', 'p2'] } },
    ];
    expect(batchScope(rows)).toEqual({ organizationIds: ['a'], people: { organizationIds: ['b', 'c'], personIds: ['p2', 'p3'] } });
  });

  it('rows written before payloads existed ask for the whole organization', () => {
    expect(batchScope([{ id: '1', aggregate_id: 'a', payload: null }])).toEqual({ organizationIds: ['a'] });
  });
});
