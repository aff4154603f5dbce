import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileTypeFromBuffer } from 'file-type';
import { exifOrientation, imageContainerOf, MalformedImageError, orientationSegment, stripImageMetadata } from './exif.js';
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

  test('JPEG: IPTC, MPF and anything after the end of the picture go; ICC profiles, JFIF and Adobe stay', () => {
    const seg = (marker: number, payload: Buffer) => {
      const h = Buffer.alloc(4);
      h.writeUInt16BE(marker, 0);
      h.writeUInt16BE(payload.length + 2, 2);
      return Buffer.concat([h, payload]);
    };
    const icc = seg(0xffe2, Buffer.from('ICC_PROFILE\0\x01\x01profile-bytes', 'latin1'));
    const adobe = seg(0xffee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
    const iptc = seg(0xffed, Buffer.from('Photoshop 3.0\0By-line: Somchai; City: Bacho', 'latin1'));
    const mpf = seg(0xffe2, Buffer.from('MPF\0II*\0second-picture-index', 'latin1'));
    // A phone's appended second picture (a preview or gain map) with its own Exif GPS.
    const appended = jpegWithGps();
    const tagged = Buffer.concat([TINY_JPEG.subarray(0, 2), icc, adobe, iptc, mpf, TINY_JPEG.subarray(2), appended]);
    const clean = stripImageMetadata(tagged);
    assert.ok(!has(clean, 'By-line') && !has(clean, 'MPF') && !has(clean, 'ProngsaiCam') && !has(clean, 'Exif'));
    assert.ok(has(clean, 'ICC_PROFILE') && has(clean, 'Adobe'));
    assert.deepEqual(Buffer.from(clean), Buffer.concat([TINY_JPEG.subarray(0, 2), icc, adobe, TINY_JPEG.subarray(2)]));
  });

  test('JPEG: a progressive picture keeps every scan and the tables between them; stuffed bytes and restarts stay inside a scan', () => {
    // SOI, a first scan whose data holds a stuffed 0xFF00 and a restart marker, a table between
    // scans, a COM comment between scans (dropped), a second scan, EOI.
    const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
    const scan1 = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]);
    const dht = Buffer.from([0xff, 0xc4, 0x00, 0x05, 0x10, 0x00, 0x01]);
    const com = Buffer.from([0xff, 0xfe, 0x00, 0x06, 0x67, 0x70, 0x73, 0x21]);
    const scan2 = Buffer.from([0x78, 0x9a]);
    const start = Buffer.from([0xff, 0xd8]);
    const eoi = Buffer.from([0xff, 0xd9]);
    const progressive = Buffer.concat([start, sos, scan1, dht, com, sos, scan2, eoi, Buffer.from('trailing video')]);
    assert.deepEqual(Buffer.from(stripImageMetadata(progressive)), Buffer.concat([start, sos, scan1, dht, sos, scan2, eoi]));
    assert.throws(() => stripImageMetadata(Buffer.concat([start, sos, scan1])), MalformedImageError, 'no end of image');
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

  test('JPEG: the orientation of a phone photo is kept, alone, where the Exif was', () => {
    // A little-endian Exif: Make "ProngsaiCam" (ASCII at an offset) and Orientation 6 (turned 90°).
    const make = Buffer.from('ProngsaiCam\0', 'latin1');
    const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + make.length);
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(2, 8);
    tiff.writeUInt16LE(0x010f, 10);
    tiff.writeUInt16LE(2, 12);
    tiff.writeUInt32LE(make.length, 14);
    tiff.writeUInt32LE(8 + 2 + 24 + 4, 18);
    tiff.writeUInt16LE(0x0112, 22);
    tiff.writeUInt16LE(3, 24);
    tiff.writeUInt32LE(1, 26);
    tiff.writeUInt16LE(6, 30);
    make.copy(tiff, 8 + 2 + 24 + 4);
    assert.equal(exifOrientation(tiff), 6);
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
    const head = Buffer.alloc(4);
    head.writeUInt16BE(0xffe1, 0);
    head.writeUInt16BE(payload.length + 2, 2);
    const photo = Buffer.concat([TINY_JPEG.subarray(0, 2), head, payload, TINY_JPEG.subarray(2)]);
    const clean = Buffer.from(stripImageMetadata(photo));
    assert.ok(!has(clean, 'ProngsaiCam'));
    const seg = Buffer.from(orientationSegment(6));
    assert.deepEqual(clean, Buffer.concat([TINY_JPEG.subarray(0, 2), seg, TINY_JPEG.subarray(2)]));
    assert.equal(exifOrientation(seg.subarray(10)), 6, 'the kept segment reads back as orientation 6');
    // Upright (1) or no orientation at all: nothing of the Exif is kept.
    assert.deepEqual(Buffer.from(stripImageMetadata(jpegWithGps())), TINY_JPEG);
    tiff.writeUInt16LE(1, 30);
    const upright = Buffer.concat([TINY_JPEG.subarray(0, 2), head, Buffer.from('Exif\0\0', 'latin1'), tiff, TINY_JPEG.subarray(2)]);
    assert.deepEqual(Buffer.from(stripImageMetadata(upright)), TINY_JPEG);
  });
});
