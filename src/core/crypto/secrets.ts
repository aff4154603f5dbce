import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';

/**
 * Secrets at rest: sealing (AES-256-GCM) of data only some people may read — a complaint
 * reporter's identity — and keyed hashes (HMAC-SHA-256) of codes handed to people — receipt and
 * tracking codes — so that a copy of the database reveals neither.
 *
 * The master key comes from SECRET_KEY (64 hex digits or base64 of 32 bytes: required when
 * several app servers share one PostgreSQL), else from DATA_DIR/secret.key, created on first
 * start (mode 600). It is not in backups: keep it apart from them; without it sealed data
 * cannot be read.
 */
export interface Secrets {
  /** Seals a text for a context (e.g. `complaint-identity:<org>:<id>`): only the same context opens it. */
  seal(plain: string, context: string): string;
  /** Opens what seal() made for the same context; throws when the key, context or text differ. */
  open(sealed: string, context: string): string;
  /** A keyed hash of a value for a purpose, as hex. The same inputs give the same output. */
  mac(purpose: string, value: string): string;
  /** Compares two hex MACs in constant time. */
  sameMac(a: string, b: string): boolean;
}

const VERSION = 'v1';

export function createSecrets(masterKey: Buffer): Secrets {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `prongsai:${info}`, 32));
  const sealKey = derive('seal');
  const macKey = derive('mac');
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, data] = sealed.split('.');
      if (version !== VERSION || !data) throw new Error('not a sealed value');
      const raw = Buffer.from(data, 'base64url');
      if (raw.length < 28) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    mac(purpose, value) {
      return createHmac('sha256', macKey).update(`${purpose}\u0000${value}`, 'utf8').digest('hex');
    },
    sameMac(a, b) {
      const x = Buffer.from(a, 'hex');
      const y = Buffer.from(b, 'hex');
      return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
    },
  };
}

/** Parses SECRET_KEY: 64 hex digits or base64 of 32 bytes. */
export function parseSecretKey(text: string): Buffer {
  const s = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
  if (key.length !== 32) throw new ConfigError('SECRET_KEY must be 32 bytes: 64 hex digits or base64 (openssl rand -hex 32)');
  return key;
}

/** The master key: SECRET_KEY, else DATA_DIR/secret.key (made on first start). */
export function loadMasterKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) return parseSecretKey(secretKey);
  const file = path.join(dataDir, 'secret.key');
  try {
    return parseSecretKey(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    // Another process made it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseSecretKey(fs.readFileSync(file, 'utf8'));
    throw e;
  }
}
