// Types of postgres.mjs, for the TypeScript that starts a test server.
export interface PostgresServer {
  /** The maintenance database's URL (user `postgres`, a random password, 127.0.0.1). */
  url: string;
  port: number;
  password: string;
  /** The folder holding the unix socket, the data and the log. */
  socketDir: string;
  urlOf(database: string): string;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

export function postgresBinDir(): string;
export function startPostgres(options?: { durable?: boolean }): Promise<PostgresServer>;
