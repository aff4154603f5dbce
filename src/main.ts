import { commands } from './cli/commands.js';
import { ConfigError, loadConfig } from './core/config.js';
import { DatabaseUnavailableError } from './core/db/client.js';
import { DataDirLockedError } from './core/db/lock.js';
import { MigrationMismatchError } from './core/db/migrate.js';
import { packageVersion } from './core/services.js';

/**
 * The command line: serve | demo | migrate | verify-log | verify-publications | backup | restore | create-org.
 * A problem a person can fix (port, lock, database) is one clear line and a non-zero exit,
 * never a stack trace.
 */
async function main() {
  const [name = 'serve', ...args] = process.argv.slice(2);
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
    process.exit(2);
  }
  const config = loadConfig(process.env, packageVersion());
  const code = await command(config, args);
  if (typeof code === 'number') process.exit(code);
}

main().catch((e: unknown) => {
  const known =
    e instanceof ConfigError ||
    e instanceof DatabaseUnavailableError ||
    e instanceof DataDirLockedError ||
    e instanceof MigrationMismatchError;
  const err = e as NodeJS.ErrnoException;
  if (known) console.error(`prongsai: ${err.message}`);
  else if (err.code === 'EADDRINUSE') console.error(`prongsai: the port is already in use (${err.message}). Set PORT to another port.`);
  else if (err.code === 'EACCES') console.error(`prongsai: permission denied: ${err.message}`);
  else console.error('prongsai: failed:', e);
  process.exit(1);
});
