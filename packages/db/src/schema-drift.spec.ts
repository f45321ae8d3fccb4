// schema.ts (SQLite) and schema.pg.ts (PostgreSQL) describe one database: the repositories are
// written once against their shared shape. This fails when one side gains a table, column,
// index or constraint the other lacks, or a column whose TypeScript type differs.
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import {
  getTableName,
  type Column,
  type InferInsertModel,
  type InferSelectModel,
} from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as sqlite from './schema.ts';
import * as postgres from './schema.pg.ts';

type TableConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

/** What both dialects must agree on about a table, in plain data. */
function shapeOf(config: TableConfig) {
  const columnName = (column: Column) => column.name;
  return {
    name: config.name,
    columns: config.columns.map((column) => ({
      name: column.name,
      // The TypeScript-level kind ('string', 'number', 'boolean', 'date', 'json'; bytes are a
      // Buffer on both sides: SQLite's blob, PostgreSQL's bytea, a custom type there).
      dataType:
        column.dataType === 'custom' && column.getSQLType() === 'bytea'
          ? 'buffer'
          : column.dataType,
      enumValues: column.enumValues ?? null,
      notNull: column.notNull,
      hasDefault: column.hasDefault,
      primary: column.primary,
    })),
    primaryKeys: config.primaryKeys.map((key) => key.columns.map(columnName)),
    indexes: config.indexes
      .map((index) => ({
        name: index.config.name,
        columns: index.config.columns.map((column) => ('name' in column ? column.name : '(sql)')),
        unique: index.config.unique ?? false,
        partial: index.config.where !== undefined,
      }))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          columns: reference.columns.map(columnName),
          foreignTable: getTableName(reference.foreignTable),
          foreignColumns: reference.foreignColumns.map(columnName),
          onDelete: key.onDelete ?? 'no action',
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

const sqliteTables = (Object.entries(sqlite) as [string, unknown][]).filter(
  (entry): entry is [string, SQLiteTable] => entry[1] instanceof SQLiteTable,
);
const pgTables = (Object.entries(postgres) as [string, unknown][]).filter(
  (entry): entry is [string, PgTable] => entry[1] instanceof PgTable,
);

describe('the PostgreSQL schema mirrors the SQLite schema', () => {
  it('exports the same tables under the same names', () => {
    expect(pgTables.map(([name]) => name).sort()).toEqual(
      sqliteTables.map(([name]) => name).sort(),
    );
    expect(sqliteTables.length).toBeGreaterThan(15);
  });

  for (const [name, table] of sqliteTables) {
    it(`${name}: same columns, types, keys and indexes`, () => {
      const other = postgres[name as keyof typeof postgres];
      expect(other, `schema.pg.ts lacks ${name}`).toBeInstanceOf(PgTable);
      expect(shapeOf(pgTableConfig(other as PgTable))).toEqual(shapeOf(sqliteTableConfig(table)));
    });
  }
});

// The same at the type level: a row read from or written to either dialect has one TypeScript
// type, so one repository serves both. `tsc` fails here when they differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Tables = keyof typeof sqlite & keyof typeof postgres;
type RowTypesAgree = {
  [K in Tables]: (typeof sqlite)[K] extends SQLiteTable
    ? (typeof postgres)[K] extends PgTable
      ? Same<InferSelectModel<(typeof sqlite)[K]>, InferSelectModel<(typeof postgres)[K]>> &
          Same<InferInsertModel<(typeof sqlite)[K]>, InferInsertModel<(typeof postgres)[K]>>
      : false
    : true;
};
const rowTypesAgree: { [K in Tables]: true } = {} as RowTypesAgree;
void rowTypesAgree;
