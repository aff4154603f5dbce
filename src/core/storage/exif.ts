/**
 * Removes metadata that can tell where and when a photo was taken (EXIF with its GPS tags,
 * XMP, text chunks) from JPEG, PNG and WebP images before they are stored. Pure byte surgery on
 * the container: the picture data is copied untouched, so no decoder or native library is
 * needed and the image looks the same: a JPEG's EXIF orientation (how a phone held the camera)
 * is kept, in a minimal Exif segment holding that one tag and nothing else.
 */

export type ImageContainer = 'jpeg' | 'png' | 'webp';

export class MalformedImageError extends Error {
  constructor(kind: ImageContainer, why: string) {
    super(`malformed ${kind}: ${why}`);
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Which of the three containers the bytes are, by their magic numbers; null for anything else. */
export function imageContainerOf(bytes: Uint8Array): ImageContainer | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  return null;
}

/**
 * The image without its metadata, or the same bytes when they are not a JPEG, PNG or WebP.
 * Throws MalformedImageError when the container's structure is broken.
 */
export function stripImageMetadata(bytes: Uint8Array): Uint8Array {
  switch (imageContainerOf(bytes)) {
    case 'jpeg':
      return stripJpeg(bytes);
    case 'png':
      return stripPng(bytes);
    case 'webp':
      return stripWebp(bytes);
    default:
      return bytes;
  }
}

function ascii(b: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < at + n && i < b.length; i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** APP2 segments that hold an ICC colour profile (kept: without it colours shift). */
const ICC_ID = 'ICC_PROFILE\0';

/**
 * The Orientation tag (0x0112, 1–8) of an Exif block's TIFF structure (the bytes after
 * "Exif\0\0"), or null when there is none or the structure is not readable.
 */
export function exifOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const le = order === 'II';
  if (view.getUint16(2, le) !== 42) return null;
  const ifd = view.getUint32(4, le);
  if (ifd < 8 || ifd + 2 > tiff.length) return null;
  const count = view.getUint16(ifd, le);
  for (let k = 0; k < count; k++) {
    const at = ifd + 2 + k * 12;
    if (at + 12 > tiff.length) return null;
    if (view.getUint16(at, le) !== 0x0112) continue;
    // SHORT, one value, stored in the first two bytes of the value field.
    if (view.getUint16(at + 2, le) !== 3 || view.getUint32(at + 4, le) !== 1) return null;
    const value = view.getUint16(at + 8, le);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** A JPEG APP1 segment with an Exif block that holds only the Orientation tag. */
export function orientationSegment(orientation: number): Uint8Array {
  const tiff = [
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // big-endian TIFF, IFD0 at 8
    ...[0x00, 0x01], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation & 0xff, 0x00, 0x00], // Orientation, SHORT, 1
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
  ];
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const len = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, len >> 8, len & 0xff, ...payload]);
}

/**
 * JPEG: every segment is walked, the compressed scans included (a progressive JPEG has several,
 * with tables between them). Kept: the picture's own segments, APP0 (JFIF), APP2 ICC colour
 * profiles and APP14 (Adobe colour transform). Dropped: every other APPn — Exif, XMP, IPTC
 * (APP13: by-line, city), MPF (APP2: the camera's second pictures) … — and COM comments; and
 * everything after the end-of-image marker (previews, gain maps and motion-photo videos
 * appended by phones, which carry their own metadata and location). An Exif orientation other
 * than 1 (upright) comes back, alone, where the Exif segment was, so a photo taken with the
 * phone turned is not shown on its side.
 */
export function stripJpeg(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let oriented = false;
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) throw new MalformedImageError('jpeg', `expected a marker at ${i}`);
    // Fill bytes: any number of 0xFF before the marker code.
    let j = i;
    while (j < b.length && b[j] === 0xff) j++;
    const marker = b[j];
    if (marker === undefined) throw new MalformedImageError('jpeg', 'truncated marker');
    const markerStart = j - 1;
    // Markers without a length: TEM and RST0-7 (not expected here), EOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(b.subarray(markerStart, j + 1));
      i = j + 1;
      continue;
    }
    if (marker === 0xd9) {
      // End of image: whatever follows is not this picture.
      parts.push(b.subarray(markerStart, j + 1));
      break;
    }
    if (j + 2 >= b.length) throw new MalformedImageError('jpeg', 'truncated segment length');
    const len = ((b[j + 1] ?? 0) << 8) | (b[j + 2] ?? 0);
    if (len < 2 || j + 1 + len > b.length) throw new MalformedImageError('jpeg', `bad segment length at ${j}`);
    const end = j + 1 + len;
    if (marker === 0xda) {
      // Start of scan: its header, then the entropy-coded data up to the next real marker
      // (0xFF followed by anything but 0x00 stuffing, RST0–7 or more fill bytes).
      let k = end;
      while (k < b.length) {
        if (b[k] === 0xff) {
          const next = b[k + 1];
          if (next === undefined) throw new MalformedImageError('jpeg', 'truncated scan');
          if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
        }
        k++;
      }
      if (k >= b.length) throw new MalformedImageError('jpeg', 'no end of image after the scan');
      parts.push(b.subarray(markerStart, k));
      i = k;
      continue;
    }
    const payloadAt = j + 3;
    const keptApp = marker === 0xe0 || marker === 0xee || (marker === 0xe2 && ascii(b, payloadAt, ICC_ID.length) === ICC_ID);
    const drop = (marker >= 0xe0 && marker <= 0xef && !keptApp) || marker === 0xfe;
    if (!drop) parts.push(b.subarray(markerStart, end));
    else if (!oriented && marker === 0xe1 && ascii(b, payloadAt, 6) === 'Exif\0\0') {
      const orientation = exifOrientation(b.subarray(payloadAt + 6, end));
      if (orientation !== null && orientation !== 1) {
        parts.push(orientationSegment(orientation));
        oriented = true;
      }
    }
    i = end;
  }
  return concat(parts);
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** PNG: chunks eXIf, tEXt, iTXt, zTXt and tIME (a timestamp) are dropped; the others (with their CRCs) are kept. */
export function stripPng(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 8;
  while (i < b.length) {
    if (i + 12 > b.length) throw new MalformedImageError('png', `truncated chunk at ${i}`);
    const len = view.getUint32(i);
    const end = i + 12 + len;
    if (end > b.length) throw new MalformedImageError('png', `chunk at ${i} runs past the end`);
    const type = ascii(b, i + 4, 4);
    if (!PNG_DROP.has(type)) parts.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}

/** VP8X flags: bit 3 = EXIF present, bit 2 = XMP present. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/** WebP: the EXIF and XMP chunks are dropped and their flags cleared in VP8X; the RIFF size is fixed. */
export function stripWebp(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = Math.min(b.length, 8 + view.getUint32(4, true));
  const parts: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const fourcc = ascii(b, i, 4);
    const size = view.getUint32(i + 4, true);
    const end = i + 8 + size + (size & 1);
    if (i + 8 + size > riffEnd) throw new MalformedImageError('webp', `chunk ${fourcc} runs past the end`);
    const chunkEnd = Math.min(end, riffEnd);
    if (fourcc === 'EXIF' || fourcc === 'XMP ') {
      i = chunkEnd;
      continue;
    }
    if (fourcc === 'VP8X' && size >= 1) {
      const copy = b.slice(i, chunkEnd);
      copy[8] = (copy[8] ?? 0) & ~(VP8X_EXIF | VP8X_XMP);
      parts.push(copy);
    } else {
      parts.push(b.subarray(i, chunkEnd));
    }
    i = chunkEnd;
  }
  if (i !== riffEnd) throw new MalformedImageError('webp', 'trailing bytes inside the RIFF');
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return concat([header, body]);
}
