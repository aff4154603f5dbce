import QRCode from 'qrcode';

/**
 * A QR code as an SVG element to put inline in a page or a printed ticket. The SVG holds only
 * the modules as path data (the encoded text never appears in it), has a viewBox and no fixed
 * size, so CSS sets its printed size (a ticket's QR must be at least 25 mm wide). Black on
 * white, error correction M (a crumpled thermal ticket still scans).
 */
export async function qrSvg(text: string, opts: { margin?: number; label?: string } = {}): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: opts.margin ?? 2, errorCorrectionLevel: 'M' });
  const label = opts.label ? ` role="img" aria-label="${escapeAttr(opts.label)}"` : ' aria-hidden="true"';
  return svg.trim().replace(/^<svg /, `<svg class="qr"${label} focusable="false" `);
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
