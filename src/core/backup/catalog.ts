import type { Session } from './session.js';

/**
 * What backup and restore need to know about the tables of the public schema, read from
 * pg_catalog rather than from the Drizzle schema: tables other modules add later are included
 * without anyone remembering to register them here.
 */
export interface TableInfo {
  name: string;
  /** Columns a row is inserted with, in table order (generated columns are computed, not loaded). */
  columns: string[];
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
  /** Sequences owned by a column (identity or serial): reset to the column's maximum after a load. */
  ownedSequences: { sequence: string; column: string }[];
  /** Tables this one references by foreign key (itself excluded). */
  references: string[];
}

export interface Catalog {
  /** In load order: every table after the tables it references. */
  tables: TableInfo[];
  /** Sequences no column owns (e.g. a counter a module calls nextval on); their value is dumped. */
  freeSequences: string[];
}

/** Bookkeeping of the migration runner: restore rebuilds it by migrating, never by loading it. */
export const MIGRATIONS_TABLE = 'prongsai_migrations';

export class ForeignKeyCycleError extends Error {}

export async function readCatalog(s: Session): Promise<Catalog> {
  const tableRows = await s.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  const tables = new Map<string, TableInfo>(
    tableRows.map((r) => [r.name, { name: r.name, columns: [], primaryKey: [], ownedSequences: [], references: [] }]),
  );

  const columns = await s.query<{ table: string; column: string; generated: boolean }>(
    `SELECT c.relname AS "table", a.attname AS "column", a.attgenerated <> '' AS generated
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  for (const c of columns) if (!c.generated) tables.get(c.table)?.columns.push(c.column);

  const keys = await s.query<{ table: string; column: string }>(
    `SELECT c.relname AS "table", a.attname AS "column"
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE n.nspname = 'public' AND i.indisprimary ORDER BY c.relname, k.ord`,
  );
  for (const k of keys) tables.get(k.table)?.primaryKey.push(k.column);

  const fks = await s.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
     FROM pg_constraint k JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = ch.relnamespace JOIN pg_namespace pn ON pn.oid = pa.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND pn.nspname = 'public'`,
  );
  for (const fk of fks) {
    if (fk.child !== fk.parent && tables.has(fk.parent)) tables.get(fk.child)?.references.push(fk.parent);
  }

  // deptype 'i' ties an identity column's sequence to it, 'a' a serial column's.
  const sequences = await s.query<{ sequence: string; table: string | null; column: string | null }>(
    `SELECT sq.relname AS sequence, t.relname AS "table", a.attname AS "column"
     FROM pg_class sq JOIN pg_namespace n ON n.oid = sq.relnamespace
     LEFT JOIN pg_depend d ON d.objid = sq.oid AND d.classid = 'pg_class'::regclass
       AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
     LEFT JOIN pg_class t ON t.oid = d.refobjid
     LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     WHERE sq.relkind = 'S' AND n.nspname = 'public' ORDER BY sq.relname`,
  );
  const freeSequences: string[] = [];
  for (const q of sequences) {
    const owner = q.table ? tables.get(q.table) : undefined;
    if (owner && q.column) owner.ownedSequences.push({ sequence: q.sequence, column: q.column });
    else if (!q.table) freeSequences.push(q.sequence);
  }
  return { tables: loadOrder([...tables.values()]), freeSequences };
}

/**
 * Parents before children (Kahn's algorithm, ties broken by name so every backup of the same
 * schema lists its tables in the same order). A self-reference is left to the rows' own order;
 * a cycle between different tables cannot be loaded with immediate foreign keys, so it is named.
 */
export function loadOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const out: TableInfo[] = [];
  const names = [...byName.keys()].sort();
  while (out.length < names.length) {
    const next = names.find((n) => !placed.has(n) && byName.get(n)?.references.every((p) => placed.has(p)));
    if (next === undefined) {
      const stuck = names.filter((n) => !placed.has(n));
      throw new ForeignKeyCycleError(`The foreign keys of these tables form a cycle, which backup cannot order: ${stuck.join(', ')}`);
    }
    placed.add(next);
    out.push(byName.get(next) as TableInfo);
  }
  return out;
}
