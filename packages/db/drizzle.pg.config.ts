// PostgreSQL's migrations: generated from schema.pg.ts into their own folder (one drizzle-kit
// config holds one dialect). Triggers and full text are hand-written migrations there too
// (`drizzle-kit generate --custom --config drizzle.pg.config.ts`).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.pg.ts',
  out: './migrations-pg',
});
