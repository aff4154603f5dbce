import assert from 'node:assert/strict';
import { format } from 'node:util';
import { commands } from '../cli/commands.js';
import { loadConfig } from '../core/config.js';
import { packageVersion } from '../core/services.js';

/**
 * A CLI command run in this process, as src/main.ts runs it (the same command function): what
 * it prints and the exit code it returns, without the seconds of module loading a new process
 * costs. Tests keep one real process per command for the happy path and the failure exit, and
 * run the other cases through this.
 */
export async function runCliInProcess(
  env: Record<string, string>,
  name: string,
  ...args: string[]
): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const config = loadConfig({ DATABASE_URL: '', LOG_LEVEL: 'silent', ...env }, packageVersion());
  const command = commands[name];
  assert.ok(command, name);
  let stdout = '';
  let stderr = '';
  const { log, error } = console;
  console.log = (...a: unknown[]) => {
    stdout += `${format(...a)}\n`;
  };
  console.error = (...a: unknown[]) => {
    stderr += `${format(...a)}\n`;
  };
  try {
    return { code: await command(config, args), stdout, stderr };
  } finally {
    console.log = log;
    console.error = error;
  }
}
