import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';

/** Opening an absent PGlite directory would create an empty database; tools that only read must not. */
export function hasDatabase(config: Config): boolean {
  return !!config.databaseUrl || fs.existsSync(path.join(config.dataDir, 'db', 'PG_VERSION'));
}
