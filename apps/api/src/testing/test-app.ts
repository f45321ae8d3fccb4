// A real app over a fresh database migrated by the real migrations, for `app.inject` tests: a
// SQLite file, or a PostgreSQL database in the `api-pg` project. It is a copy of one template
// per test process (migrated, with the test institutions).
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { createInstitutionRepository } from '@twinning/db/repositories/institutions';
import { databaseTemplate } from '@twinning/db/testing/database-template';
import type { EventBus } from '../realtime/event-bus.ts';
import type { NewInstitution } from '@twinning/db/repositories/institutions';
import { buildApp, type App } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';

export interface TestApp {
  app: App;
  repositories: ReturnType<typeof createRepositories>;
  /** The database's DATABASE_URL, for a second app on it (another "process"). */
  file: string;
  close(): Promise<void>;
}

export const testInstitutions: NewInstitution[] = [
  {
    id: 'inst-tum',
    name: 'Technische Universität München',
    country: 'DE',
    region: 'europe',
    city: 'München',
    website: 'https://www.tum.de/',
    domains: ['tum.de'],
    type: 'university',
    verified: true,
    source: 'directory',
    createdBy: null,
  },
  {
    id: 'inst-kyoto',
    name: 'Kyoto University',
    country: 'JP',
    region: 'asia',
    city: 'Kyoto',
    website: 'https://www.kyoto-u.ac.jp/',
    domains: ['kyoto-u.ac.jp'],
    type: 'university',
    verified: true,
    source: 'directory',
    createdBy: null,
  },
  {
    id: 'inst-akbild',
    name: 'Akademie der bildenden Künste Wien',
    country: 'AT',
    region: 'europe',
    city: null,
    website: 'http://www.akbild.ac.at/',
    domains: ['akbild.ac.at'],
    type: 'university',
    verified: false,
    source: 'directory',
    createdBy: null,
  },
  {
    id: 'inst-rmit-vn',
    name: 'RMIT International University Vietnam',
    country: 'VN',
    region: 'asia',
    city: 'Ho Chi Minh City',
    website: 'https://www.rmit.edu.vn/',
    domains: ['rmit.edu.vn'],
    type: 'university',
    verified: false,
    source: 'directory',
    createdBy: null,
  },
];

/** A clock tests can move: `clock.now()` is what the app sees. */
export class TestClock {
  constructor(public current = new Date('2026-09-01T08:00:00Z')) {}
  now = () => new Date(this.current);
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

const template = databaseTemplate((db) =>
  createInstitutionRepository(db).createMany(testInstitutions),
);

export async function createTestApp(
  overrides: Partial<Config> = {},
  clock?: TestClock,
  events?: EventBus,
  /** Registers more on the app before it is ready (e.g. the pages' catch-all). */
  beforeReady?: (app: App) => void,
): Promise<TestApp> {
  const { file, remove } = await template.copy();
  const database = await connectDatabase(file);
  const repositories = createRepositories(databaseOf(database));
  const config = { ...loadConfig({ NODE_ENV: 'test' }), ...overrides };
  const app = await buildApp({ config, repositories, logger: false, now: clock?.now, events });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    repositories,
    file,
    async close() {
      await app.close();
      await closeDatabase(database);
      await remove();
    },
  };
}

/** Another app — another "process" — on the same database file as `t`. */
export async function createSecondApp(
  t: TestApp,
  overrides: Partial<Config> = {},
  clock?: TestClock,
): Promise<{
  app: App;
  repositories: ReturnType<typeof createRepositories>;
  close(): Promise<void>;
}> {
  const database = await connectDatabase(t.file);
  const config = { ...loadConfig({ NODE_ENV: 'test' }), ...overrides };
  const repositories = createRepositories(databaseOf(database));
  const app = await buildApp({
    config,
    repositories,
    logger: false,
    now: clock?.now,
  });
  await app.ready();
  return {
    app,
    repositories,
    async close() {
      await app.close();
      await closeDatabase(database);
    },
  };
}

/** The `name=value` of the session cookie a reply set, for the next request's Cookie header. */
export function sessionCookieOf(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : [raw];
  const found = list.find(
    (c): c is string => typeof c === 'string' && c.startsWith('twinning_session='),
  );
  if (!found) throw new Error('no session cookie was set');
  return found.split(';')[0]!;
}
