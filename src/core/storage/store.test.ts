import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../http/errors.js';
import { type FileKind, FileStore, megabytes } from './store.js';

/** The content-addressed store on its own, in a temporary directory (no database). */
let root: string;
let store: FileStore;

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-store-'));
  store = new FileStore(root);
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const ALL: FileKind[] = ['pdf', 'image', 'svg', 'office', 'text'];
const MB = 1024 * 1024;

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const SVG = Buffer.from('<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n');
/** As Inkscape and Illustrator save it: with an XML declaration first. */
const SVG_WITH_XML_DECLARATION = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${SVG.toString()}`);
const TEXT = Buffer.from('รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี ๒๕๖๘\n');
/** The start of a 64-bit Linux executable: ELF magic, class, data, version, then padding. */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function refusedWith(p: Promise<unknown>, status: number, code: string) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, `an AppError, got ${String(e)}`);
    assert.equal(e.status, status);
    assert.equal(e.code, code);
    return true;
  });
}

describe('file store: the type comes from the content, not the name', () => {
  test('a PNG named .pdf is stored as a PNG, and refused where only PDFs are accepted', async () => {
    const blob = await store.put(PNG, { maxBytes: MB, kinds: ['image'], name: 'หนังสือราชการ.pdf' });
    assert.equal(blob.mime, 'image/png');
    await refusedWith(store.put(PNG, { maxBytes: MB, kinds: ['pdf'], name: 'หนังสือราชการ.pdf' }), 422, 'file_type_not_allowed');
  });

  test('a PDF, an SVG and a text file are recognised as such', async () => {
    assert.equal((await store.put(PDF, { maxBytes: MB, kinds: ALL, name: 'x.bin' })).mime, 'application/pdf');
    assert.equal((await store.put(SVG, { maxBytes: MB, kinds: ALL, name: 'logo.png' })).mime, 'image/svg+xml');
    assert.equal((await store.put(TEXT, { maxBytes: MB, kinds: ALL, name: 'report.txt' })).mime, 'text/plain');
    assert.equal(
      (await store.put(Buffer.from('ชื่อ,จำนวน\nกองคลัง,3\n'), { maxBytes: MB, kinds: ['text'], name: 'counts.CSV' })).mime,
      'text/csv',
    );
  });

  // file-type names such a file application/xml: logos saved by Inkscape or Illustrator.
  test('an SVG that starts with an XML declaration is an SVG', async () => {
    const blob = await store.put(SVG_WITH_XML_DECLARATION, { maxBytes: MB, kinds: ['svg'], name: 'logo.svg' });
    assert.equal(blob.mime, 'image/svg+xml');
  });

  test('an SVG is not an image where only raster images are accepted', async () => {
    await refusedWith(store.put(SVG, { maxBytes: MB, kinds: ['image'], name: 'logo.svg' }), 422, 'file_type_not_allowed');
  });

  test('an executable is refused even where every kind is accepted, whatever its name', async () => {
    await refusedWith(store.put(ELF, { maxBytes: MB, kinds: ALL, name: 'evidence.pdf' }), 422, 'file_type_not_allowed');
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58, 0),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(64, 0),
      Buffer.from('PE\0\0'),
      Buffer.alloc(64, 0),
    ]);
    await refusedWith(store.put(exe, { maxBytes: MB, kinds: ALL, name: 'photo.png' }), 422, 'file_type_not_allowed');
    // Unknown binary content (a zero byte, no known signature) is not text either.
    await refusedWith(
      store.put(Buffer.from([1, 2, 0, 3, 4]), { maxBytes: MB, kinds: ['text'], name: 'notes.txt' }),
      422,
      'file_type_not_allowed',
    );
    assert.equal(fs.existsSync(store.pathOf(sha(ELF))), false, 'nothing refused is kept');
  });
});

describe('file store: limits', () => {
  test('a file over the limit is refused with 413 file_too_large, naming the limit in MB', async () => {
    const big = Buffer.alloc(2 * MB + 1, 0x61);
    await assert.rejects(store.put(big, { maxBytes: 2 * MB, kinds: ['text'] }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.status, 413);
      assert.equal(e.code, 'file_too_large');
      assert.equal(e.params.max, 2);
      return true;
    });
    // Exactly at the limit is fine.
    assert.equal((await store.put(big.subarray(0, 2 * MB), { maxBytes: 2 * MB, kinds: ['text'] })).size, 2 * MB);
  });

  test('an empty file is refused', async () => {
    await refusedWith(store.put(new Uint8Array(0), { maxBytes: MB, kinds: ALL, name: 'empty.pdf' }), 422, 'empty_file');
  });
});

describe('file store: content addressing', () => {
  test('identical bytes are stored once, under their sha256', async () => {
    const bytes = Buffer.from(`หลักฐานชิ้นเดียว ${Date.now()}\n`);
    const a = await store.put(bytes, { maxBytes: MB, kinds: ['text'], name: 'a.txt' });
    const b = await store.put(Buffer.from(bytes), { maxBytes: MB, kinds: ['text'], name: 'b.txt' });
    assert.equal(a.sha256, sha(bytes));
    assert.equal(b.sha256, a.sha256);
    const file = store.pathOf(a.sha256);
    assert.equal(file, path.join(root, a.sha256.slice(0, 2), a.sha256));
    assert.deepEqual(
      fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(a.sha256)),
      [a.sha256],
      'one file, no temporary left',
    );
    assert.deepEqual(await store.read(a.sha256), bytes);
    assert.ok(await store.has(a.sha256));
    assert.equal((await store.list()).filter((h) => h === a.sha256).length, 1);
  });

  test('putVerified stores bytes that match their hash and refuses bytes that do not', async () => {
    const bytes = Buffer.from('restored evidence\n');
    await store.putVerified(sha(bytes), bytes);
    assert.deepEqual(await store.read(sha(bytes)), bytes);
    const wrong = sha(Buffer.from('something else'));
    await assert.rejects(store.putVerified(wrong, bytes), /does not match its hash/);
    assert.equal(await store.has(wrong), false);
  });

  test('a path is only ever made from a sha256', () => {
    for (const bad of ['../../etc/passwd', 'ab', `${'a'.repeat(63)}/`, 'A'.repeat(64)])
      assert.throws(() => store.pathOf(bad), /not a sha256/);
  });
});

describe('file store: sizes as people read them', () => {
  test('limits under a megabyte are not shown as 0 MB', () => {
    assert.equal(megabytes(10 * 1024 * 1024), 10);
    assert.equal(megabytes(512 * 1024), 0.5);
    assert.equal(megabytes(2.5 * 1024 * 1024), 2.5);
  });

  const garuda = path.resolve(process.cwd(), '../shared/assets/garuda.svg');
  test('the Garuda emblem of official letters (an SVG with an XML prolog) is accepted as an SVG', {
    skip: !fs.existsSync(garuda),
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-garuda-'));
    try {
      const blob = await new FileStore(dir).put(fs.readFileSync(garuda), { maxBytes: 1024 * 1024, kinds: ['svg'], name: 'garuda.svg' });
      assert.equal(blob.mime, 'image/svg+xml');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
