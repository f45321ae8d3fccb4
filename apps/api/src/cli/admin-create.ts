// `pnpm admin:create --email E --password P --name N`: a secretariat account from the command line.
import { parseArgs } from 'node:util';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import { loadConfig } from '../config.ts';
import { HttpError } from '../errors.ts';
import { createServices } from '../services/services.ts';

const usage = 'usage: pnpm admin:create --email E --password P --name N';

async function main(): Promise<number> {
  let values: { email?: string; password?: string; name?: string };
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const missing = (['email', 'password', 'name'] as const).filter((k) => !values[k]);
  if (missing.length > 0) {
    console.error(`missing ${missing.map((m) => `--${m}`).join(', ')}\n${usage}`);
    return 2;
  }
  const config = loadConfig();
  // SQLite or PostgreSQL, as DATABASE_URL names it (migrated if it is behind).
  const database = await connectDatabase(config.databaseUrl);
  try {
    const services = createServices(createRepositories(databaseOf(database)));
    const user = await services.accounts.createSecretariat({
      email: values.email!,
      password: values.password!,
      name: values.name!,
    });
    console.log(
      `Secretariat account created: ${user.email} (${user.name}) in ${database.location}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof HttpError) {
      const details = error.details?.map((d) => `  --${d.field} ${d.message}`).join('\n');
      console.error(details ? `${error.message}\n${details}` : error.message);
      return 1;
    }
    throw error;
  } finally {
    await closeDatabase(database);
  }
}

process.exitCode = await main();
