/**
 * Small real images for tests, and a builder of an EXIF block with GPS coordinates, so tests
 * can put a location into a picture and check it comes out again.
 */

/** A 16×16 baseline JPEG (no JFIF or EXIF segment). */
export const TINY_JPEG = Buffer.from(
  '/9j/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
  'base64',
);

/** A 16×16 WebP with a VP8X header (alpha flag set), ALPH and VP8 chunks. */
export const TINY_WEBP = Buffer.from(
  'UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA',
  'base64',
);

/**
 * A TIFF-structured EXIF block (big-endian "MM") whose IFD0 points at a GPS IFD holding
 * latitude 6°25'N and longitude 101°49'E (Narathiwat) and the camera make "ProngsaiCam".
 */
export function exifWithGps(): Buffer {
  const entries0 = 2; // Make, GPSInfo
  const gpsEntries = 4; // LatRef, Lat, LonRef, Lon
  const ifd0At = 8;
  const ifd0Size = 2 + entries0 * 12 + 4;
  const makeAt = ifd0At + ifd0Size;
  const make = Buffer.from('ProngsaiCam\0', 'latin1');
  const gpsAt = makeAt + make.length;
  const gpsSize = 2 + gpsEntries * 12 + 4;
  const latAt = gpsAt + gpsSize;
  const lonAt = latAt + 24;
  const buf = Buffer.alloc(lonAt + 24);
  buf.write('MM', 0, 'latin1');
  buf.writeUInt16BE(42, 2);
  buf.writeUInt32BE(ifd0At, 4);
  let p = ifd0At;
  buf.writeUInt16BE(entries0, p);
  p += 2;
  const entry = (tag: number, type: number, count: number, value: number) => {
    buf.writeUInt16BE(tag, p);
    buf.writeUInt16BE(type, p + 2);
    buf.writeUInt32BE(count, p + 4);
    buf.writeUInt32BE(value, p + 8);
    p += 12;
  };
  entry(0x010f, 2, make.length, makeAt); // Make (ASCII)
  entry(0x8825, 4, 1, gpsAt); // GPSInfo IFD pointer
  buf.writeUInt32BE(0, p);
  make.copy(buf, makeAt);
  p = gpsAt;
  buf.writeUInt16BE(gpsEntries, p);
  p += 2;
  // GPSLatitudeRef 'N' (ASCII, count 2, inline), GPSLatitude (3 RATIONAL), GPSLongitudeRef 'E', GPSLongitude.
  buf.writeUInt16BE(1, p);
  buf.writeUInt16BE(2, p + 2);
  buf.writeUInt32BE(2, p + 4);
  buf.write('N\0', p + 8, 'latin1');
  p += 12;
  entry(2, 5, 3, latAt);
  buf.writeUInt16BE(3, p);
  buf.writeUInt16BE(2, p + 2);
  buf.writeUInt32BE(2, p + 4);
  buf.write('E\0', p + 8, 'latin1');
  p += 12;
  entry(4, 5, 3, lonAt);
  buf.writeUInt32BE(0, p);
  const rationals = (at: number, vals: number[]) => {
    vals.forEach((v, i) => {
      buf.writeUInt32BE(v, at + i * 8);
      buf.writeUInt32BE(1, at + i * 8 + 4);
    });
  };
  rationals(latAt, [6, 25, 0]);
  rationals(lonAt, [101, 49, 0]);
  return buf;
}

/** The JPEG with an APP1 Exif segment (carrying the GPS block) right after SOI. */
export function jpegWithGps(): Buffer {
  const tiff = exifWithGps();
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([TINY_JPEG.subarray(0, 2), seg, payload, TINY_JPEG.subarray(2)]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = (CRC_TABLE[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1×1 grey PNG carrying an eXIf chunk with GPS and a tEXt comment. */
export async function pngWithGps(): Promise<Buffer> {
  const { deflateSync } = await import('node:zlib');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('eXIf', exifWithGps()),
    pngChunk('tEXt', Buffer.from('Comment\0taken at home', 'latin1')),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 128]))),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** The WebP with an EXIF chunk (GPS) and the VP8X EXIF flag set. */
export function webpWithGps(): Buffer {
  const exif = exifWithGps();
  const head = Buffer.alloc(8);
  head.write('EXIF', 0, 'latin1');
  head.writeUInt32LE(exif.length, 4);
  const chunk = Buffer.concat([head, exif, exif.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  const out = Buffer.concat([TINY_WEBP, chunk]);
  out.writeUInt32LE(out.length - 8, 4);
  out[20] = (out[20] ?? 0) | 0x08; // VP8X flags byte: EXIF present
  return out;
}
