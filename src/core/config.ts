import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in DATA_DIR/db is used. */
  databaseUrl: string | undefined;
  /** The public address behind a reverse proxy, e.g. https://lubopeusa.go.th — used for links in e-mail and QR codes. */
  publicUrl: string | undefined;
  logLevel: string;
  production: boolean;
  /** smtp://user:pass@host:port or smtps://… ; when absent e-mail stays queued in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Behind a reverse proxy: trust its X-Forwarded-* headers. */
  trustProxy: boolean;
  /** How many proxies stand in front (TRUST_PROXY=1, 2 …): the client is that many entries from the right of X-Forwarded-For. */
  proxyHops: number;
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  /** Largest accepted uploaded file, bytes. */
  uploadLimit: number;
  /** The master key for sealed data and keyed hashes (src/core/crypto/secrets.ts); else DATA_DIR/secret.key. */
  secretKey: string | undefined;
  version: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, version = '0.0.0'): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    production: env.NODE_ENV === 'production',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Prongsai <no-reply@localhost>',
    trustProxy: proxyHops(env.TRUST_PROXY) > 0,
    proxyHops: proxyHops(env.TRUST_PROXY),
    bodyLimit: Number(env.BODY_LIMIT ?? 12 * 1024 * 1024),
    uploadLimit: Number(env.UPLOAD_LIMIT ?? 10 * 1024 * 1024),
    secretKey: env.SECRET_KEY || undefined,
    version,
  };
}

function proxyHops(v: string | undefined): number {
  if (!v || v === '0' || v === 'false') return 0;
  if (v === 'true') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new ConfigError(`TRUST_PROXY must be the number of proxies in front (e.g. 1), got "${v}"`);
  return n;
}

/** A configuration mistake: printed as one line at start, never as a stack trace. */
export class ConfigError extends Error {}
