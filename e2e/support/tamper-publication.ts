/**
 * An attacker with the database: `node --import tsx e2e/support/tamper-publication.ts <DATA_DIR>
 * <sql>` turns the publications' immutability trigger off, runs one statement on the PGlite data
 * dir (the server must be stopped: one process per data dir), and turns the trigger back on.
 */
import { openDatabase } from '../../src/core/db/client.js';

const [dataDir, statement] = process.argv.slice(2);
if (!dataDir || !statement) {
  console.error('usage: tamper-publication.ts <DATA_DIR> <sql>');
  process.exit(2);
}
const database = await openDatabase({ dataDir });
try {
  await database.exec(
    `BEGIN; ALTER TABLE publications DISABLE TRIGGER publications_immutable; ${statement}; ALTER TABLE publications ENABLE TRIGGER publications_immutable; COMMIT;`,
  );
} finally {
  await database.close();
}
