import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.ts';
import { compiledSchemaCounts } from './schema-compilers.ts';

describe('shared schema compilers', () => {
  it('compile the route schemas for the first app of a process, and not again for the next', async () => {
    const before = compiledSchemaCounts();
    const first = await createTestApp();
    const afterFirst = compiledSchemaCounts();
    const second = await createTestApp();
    const afterSecond = compiledSchemaCounts();
    const firstBuilt = {
      validators: afterFirst.validators - before.validators,
      serializers: afterFirst.serializers - before.serializers,
    };
    expect(firstBuilt.validators).toBeGreaterThan(20);
    expect(firstBuilt.serializers).toBeGreaterThan(20);
    // Only a schema written inline in a route (a new object at every build) is compiled again.
    expect(afterSecond.validators - afterFirst.validators).toBe(0);
    expect(afterSecond.serializers - afterFirst.serializers).toBeLessThan(
      firstBuilt.serializers / 10,
    );
    // And the second app validates and serialises as the first does.
    const replies = [];
    for (const t of [first, second]) {
      const bad = await t.app.inject({ method: 'GET', url: '/api/offers?limit=abc' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
      const list = await t.app.inject({ method: 'GET', url: '/api/institutions?limit=2' });
      expect(list.statusCode).toBe(200);
      replies.push(list.body);
    }
    expect(replies[1]).toBe(replies[0]);
    await first.close();
    await second.close();
  });
});
