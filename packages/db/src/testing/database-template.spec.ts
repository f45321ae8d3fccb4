import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../client.ts';
import { createInstitutionRepository } from '../repositories/institutions.ts';
import { databaseTemplate, type DatabaseCopy } from './database-template.ts';

const opened: DatabaseHandle[] = [];
const copies: DatabaseCopy[] = [];
afterAll(async () => {
  for (const h of opened) h.close();
  for (const c of copies) await c.remove();
});

async function open(template: ReturnType<typeof databaseTemplate>) {
  const copy = await template.copy();
  copies.push(copy);
  const handle = openDatabase(copy.file);
  opened.push(handle);
  return handle;
}

let fills = 0;
const template = databaseTemplate(async (db) => {
  fills++;
  await createInstitutionRepository(db).createMany([
    {
      id: 'inst-a',
      name: 'Alpha University',
      country: 'DE',
      region: 'europe',
      city: null,
      website: null,
      domains: ['alpha.example'],
      type: 'university',
      verified: true,
      source: 'directory',
      createdBy: null,
    },
  ]);
});

describe('databaseTemplate', () => {
  it('migrates and fills once, and gives every caller its own copy of the result', async () => {
    const [a, b] = await Promise.all([open(template), open(template)]);
    const c = await open(template);
    expect(fills).toBe(1);
    expect(new Set([a.location, b.location, c.location]).size).toBe(3);
    const names = (h: DatabaseHandle) =>
      (h.sqlite.prepare('select name from institutions').all() as { name: string }[]).map(
        (r) => r.name,
      );
    for (const h of [a, b, c]) expect(names(h)).toEqual(['Alpha University']);
    // Already at the latest migration: opening applied nothing, and the copies are independent.
    const applied = (h: DatabaseHandle) =>
      (h.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    expect(applied(a)).toBeGreaterThan(0);
    expect(applied(b)).toBe(applied(a));
    a.sqlite.prepare("update institutions set name = 'Changed' where id = 'inst-a'").run();
    expect(names(a)).toEqual(['Changed']);
    expect(names(b)).toEqual(['Alpha University']);
    expect(names(await open(template))).toEqual(['Alpha University']);
  });
});
