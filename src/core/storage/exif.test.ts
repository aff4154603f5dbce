import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileTypeFromBuffer } from 'file-type';
import { imageContainerOf, MalformedImageError, stripImageMetadata } from './exif.js';
import { jpegWithGps, pngWithGps, TINY_JPEG, TINY_WEBP, webpWithGps } from './exif-fixtures.js';

const has = (b: Uint8Array, s: string) => Buffer.from(b).includes(Buffer.from(s, 'latin1'));

describe('stripping image metadata', () => {
  test('JPEG: the Exif APP1 with its GPS tags is dropped, the picture kept byte for byte', async () => {
    const tagged = jpegWithGps();
    assert.ok(has(tagged, 'Exif\0\0') && has(tagged, 'ProngsaiCam'));
    const clean = stripImageMetadata(tagged);
    assert.ok(!has(clean, 'Exif'));
    assert.ok(!has(clean, 'ProngsaiCam'));
    assert.deepEqual(Buffer.from(clean), TINY_JPEG);
    assert.equal((await fileTypeFromBuffer(clean))?.mime, 'image/jpeg');
  });

  test('JPEG: XMP and comments go too; a JPEG without metadata is unchanged', () => {
    const xmp = Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from('<x:xmpmeta>GPSLatitude</x:xmpmeta>')]);
    const seg = (marker: number, payload: Buffer) => {
      const h = Buffer.alloc(4);
      h.writeUInt16BE(marker, 0);
      h.writeUInt16BE(payload.length + 2, 2);
      return Buffer.concat([h, payload]);
    };
    const withXmp = Buffer.concat([TINY_JPEG.subarray(0, 2), seg(0xffe1, xmp), seg(0xfffe, Buffer.from('secret')), TINY_JPEG.subarray(2)]);
    assert.deepEqual(Buffer.from(stripImageMetadata(withXmp)), TINY_JPEG);
    assert.deepEqual(Buffer.from(stripImageMetadata(TINY_JPEG)), TINY_JPEG);
  });

  test('PNG: eXIf and text chunks are dropped, the rest kept', async () => {
    const tagged = await pngWithGps();
    const clean = stripImageMetadata(tagged);
    assert.ok(has(tagged, 'eXIf') && has(tagged, 'tEXt'));
    assert.ok(!has(clean, 'eXIf') && !has(clean, 'tEXt') && !has(clean, 'ProngsaiCam'));
    assert.ok(has(clean, 'IHDR') && has(clean, 'IDAT') && has(clean, 'IEND'));
    assert.equal((await fileTypeFromBuffer(clean))?.mime, 'image/png');
  });

  test('WebP: the EXIF chunk is dropped, its VP8X flag cleared, the RIFF size fixed', async () => {
    const tagged = webpWithGps();
    assert.equal((tagged[20] ?? 0) & 0x08, 0x08);
    const clean = Buffer.from(stripImageMetadata(tagged));
    assert.ok(!has(clean, 'EXIF') && !has(clean, 'ProngsaiCam'));
    assert.equal((clean[20] ?? 0) & 0x08, 0);
    assert.equal((clean[20] ?? 0) & 0x10, 0x10, 'the alpha flag stays');
    assert.equal(clean.readUInt32LE(4), clean.length - 8);
    assert.deepEqual(clean, TINY_WEBP);
    assert.equal((await fileTypeFromBuffer(clean))?.mime, 'image/webp');
  });

  test('other content passes through; broken containers are refused', () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    assert.equal(imageContainerOf(pdf), null);
    assert.equal(stripImageMetadata(pdf), pdf);
    const truncated = jpegWithGps().subarray(0, 30);
    assert.throws(() => stripImageMetadata(truncated), MalformedImageError);
    const badPng = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from([0, 0, 9, 0, 73, 72, 68, 82]),
    ]);
    assert.throws(() => stripImageMetadata(badPng), MalformedImageError);
  });
});
