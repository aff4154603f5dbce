import path from 'node:path';
import type { Config } from '../core/config.js';
import { openDatabase } from '../core/db/client.js';
import { FileStore } from '../core/storage/store.js';
import { type PublicationProblemReason, verifyPublications } from '../modules/publications/verify.js';
import { hasDatabase } from './data-dir.js';

const REASONS: Record<PublicationProblemReason, string> = {
  link_missing: 'no chain link stored',
  link_mismatch: 'chain link does not match the row (this row, or the one it replaced, was altered)',
  file_row_missing: 'its file record is missing',
  file_row_mismatch: 'its file record names other bytes',
  file_missing: 'the file is missing from the store',
  file_altered: 'the stored file was altered',
  audit_missing: 'no audit entry records it',
  audit_mismatch: 'differs from its audit entry',
  row_missing: 'the row was deleted (its audit entry remains)',
  audit_chain_broken: 'the audit log itself is broken (run verify-log)',
};

/**
 * `prongsai verify-publications [--org=<id>]`: recomputes every organization's publication hash
 * chain and compares it with the stored links, hashes every published file in the store, and
 * cross-checks each row with its audit entry. Exit 0 with counts; 1 naming the first bad row;
 * 2 on bad usage.
 */
export async function verifyPublicationsCommand(config: Config, args: string[]): Promise<number> {
  const orgArg = args.find((a) => a.startsWith('--org='))?.slice(6);
  const orgId = orgArg === undefined ? undefined : Number(orgArg);
  if ((orgId !== undefined && !(Number.isInteger(orgId) && orgId > 0)) || args.some((a) => !a.startsWith('--org='))) {
    console.error('Usage: prongsai verify-publications [--org=<organization id>]');
    return 2;
  }
  if (!hasDatabase(config)) {
    console.error(`prongsai: there is no database in ${config.dataDir} to check (set DATA_DIR, or DATABASE_URL for PostgreSQL).`);
    return 1;
  }
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const store = new FileStore(path.join(config.dataDir, 'files'));
    const r = await verifyPublications(database.db, store, orgId);
    const counts = `${r.publications} publication(s) in ${r.organizations} organization(s), ${r.files} file(s) hashed, ${r.crossChecked} cross-checked with the audit log${r.legacy ? `, ${r.legacy} older row(s) without their own audit entry` : ''}`;
    if (r.ok) {
      console.log(`Publication log intact: ${counts}.`);
      return 0;
    }
    const p = r.problem;
    const what = p?.reason === 'audit_chain_broken' ? `audit entry ${p.id}` : `publication #${p?.id}`;
    console.error(
      `Publication log BROKEN: organization ${p?.orgId}, ${what}: ${p ? REASONS[p.reason] : ''} (${p?.detail}). Checked before it: ${counts}.`,
    );
    return 1;
  } finally {
    await database.close();
  }
}
