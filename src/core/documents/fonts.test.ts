import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BODY_SIZE_PT, LINE_PITCH_PT, sarabunFonts, sarabunLicense, TH_SARABUN_SCALE, thPt } from './fonts.js';

describe('Sarabun fonts', () => {
  it('loads the four TrueType faces once', () => {
    const fonts = sarabunFonts();
    assert.deepEqual(Object.keys(fonts).sort(), ['bold', 'bold-italic', 'italic', 'regular']);
    for (const [face, bytes] of Object.entries(fonts)) {
      assert.equal(bytes.readUInt32BE(0), 0x00010000, `${face} is a TrueType file`);
      assert.ok(bytes.byteLength > 50_000, `${face} is the full font, not a subset`);
    }
    assert.equal(sarabunFonts(), fonts, 'read once, shared afterwards');
    assert.notEqual(fonts.regular, fonts.bold);
  });

  it('ships the OFL with the fonts', () => {
    assert.match(sarabunLicense(), /SIL Open Font License/);
  });
});

describe('TH Sarabun New calibration', () => {
  it('turns the printing guide sizes into Sarabun sizes with one factor', () => {
    assert.equal(TH_SARABUN_SCALE, 0.66);
    assert.equal(thPt(16), 10.56);
    assert.equal(thPt(20), 13.2);
    assert.equal(thPt(29), 19.14);
    assert.equal(BODY_SIZE_PT, 10.56);
  });

  it('keeps the single-spaced pitch of TH Sarabun 16 pt, wider than Sarabun at 10.56 pt needs', () => {
    // Sarabun's ascender + descender is 1.3 em: 13.7 pt at body size; the marks never collide.
    assert.ok(LINE_PITCH_PT > 1.3 * BODY_SIZE_PT);
    assert.equal(LINE_PITCH_PT, 20);
  });
});
