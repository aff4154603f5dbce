import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { modules } from '../../modules/index.js';
import { catalogsFor } from '../services.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogs = catalogsFor(modules);
const namespaces = ['core', ...modules.map((m) => m.name)];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !p.includes(`${path.sep}testing${path.sep}`)) out.push(p);
  }
  return out;
}

const files = sourceFiles(src);
const keyPattern = new RegExp(`['"\`]((?:${namespaces.join('|')})\\.[A-Za-z][\\w.]*[A-Za-z0-9])['"\`]`, 'g');

describe('message catalogs', () => {
  test('every catalog key the code uses exists in Thai and in English', () => {
    const missing: string[] = [];
    for (const file of files) {
      if (file.endsWith('messages.ts')) continue;
      const text = fs.readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
      for (const m of text.matchAll(keyPattern)) {
        const key = m[1] as string;
        if (/\.(js|ts|tsx|css|svg|json|png|woff2)$/.test(key)) continue; // file names, not keys
        // Audit action names, operationIds and notification kinds share the module.verb shape.
        const before = text.slice(Math.max(0, (m.index ?? 0) - 50), m.index);
        if (/(operationId|action|example|kind|topic)\b[^,;{}]*$/.test(before) || /shared\.(set|get)\($/.test(before)) continue;
        for (const locale of ['th', 'en'] as const) {
          if (!catalogs[locale].has(key)) missing.push(`${locale} ${key} (${path.relative(src, file)})`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  test('English has exactly the keys Thai has', () => {
    const th = [...catalogs.th.keys()].sort();
    const en = [...catalogs.en.keys()].sort();
    assert.deepEqual(
      en.filter((k) => !catalogs.th.has(k)),
      [],
      'keys only in English',
    );
    assert.deepEqual(
      th.filter((k) => !catalogs.en.has(k)),
      [],
      'keys missing in English',
    );
  });

  test('Patani Malay covers every string of the citizen-facing public pages', () => {
    const citizen = [...catalogs.th.keys()].filter(
      (k) =>
        /^core\.(lang|errorSummary|pagination)\./.test(k) ||
        /^core\.(optional|yes|no)$/.test(k) ||
        /^core\.layout\.(skip|language|mainNav|menu|contact|privacy|accessibility|staffSignIn|poweredBy|phone|email|address|breadcrumb|location|publicSite)$/.test(
          k,
        ) ||
        /^core\.errors\.(notFoundTitle|notFound|notFoundHelp|home|serverTitle|server|reference|validation|tooLarge|tooMany|csrf)$/.test(
          k,
        ) ||
        /^home\.(public|privacy|accessibility)\./.test(k) ||
        k === 'home.nav.home',
    );
    assert.ok(citizen.length > 30);
    assert.deepEqual(
      citizen.filter((k) => !catalogs.ms.has(k)),
      [],
    );
  });

  test('placeholders match between languages', () => {
    const holes = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    const wrong: string[] = [];
    for (const [key, th] of catalogs.th) {
      for (const locale of ['en', 'ms'] as const) {
        const other = catalogs[locale].get(key);
        if (other !== undefined && holes(other) !== holes(th)) wrong.push(`${locale} ${key}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('views and routes hold no Thai text of their own: every visible string comes from a catalog', () => {
    const offenders = files
      .filter((f) => /(views|routes|layouts|components)/.test(f) && f.endsWith('.tsx'))
      .filter((f) => /[\u0E00-\u0E7F]/.test(fs.readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((f) => path.relative(src, f));
    assert.deepEqual(offenders, []);
  });
});
