/**
 * The flowchart of a guide's steps as an SVG string (no script, no external references): a
 * column of boxes joined by arrows, from "ยื่นคำขอ" to "รับผล" — each box the step's number, its
 * kind, duration, the detail (wrapped at Thai word boundaries) and who is responsible. The page
 * shows it to sighted readers (aria-hidden) beside the same steps as an ordered list.
 */
const WORDS = new Intl.Segmenter('th', { granularity: 'word' });
/** Thai marks above and below a consonant take no width of their own. */
const ZERO_WIDTH = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/gu;

const visibleLength = (s: string) => s.replace(ZERO_WIDTH, '').length;

/** Lines of at most `max` visible characters, broken between words; the last line ends with … when cut. */
export function wrapThai(s: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { segment } of WORDS.segment(s.replace(/\s+/g, ' ').trim())) {
    if (visibleLength(line + segment) > max && line.trim()) {
      lines.push(line.trim());
      line = segment.trimStart();
      if (lines.length === maxLines) break;
    } else {
      line += segment;
    }
  }
  if (lines.length < maxLines && line.trim()) lines.push(line.trim());
  else if (lines.length === maxLines && line.trim()) {
    const last = lines[maxLines - 1] ?? '';
    lines[maxLines - 1] = `${last.slice(0, Math.max(0, last.length - 1))}…`;
  }
  return lines;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface FlowStep {
  /** Already translated: "ตรวจสอบเอกสาร" */
  kind: string;
  /** "15 นาที" */
  duration: string;
  detail: string;
  responsible: string;
}

export interface FlowLabels {
  start: string;
  end: string;
  total: string;
}

const W = 400;
const PAD = 14;
const LINE = 21;

/** The SVG markup. Colors come from CSS custom properties with fallbacks (the page's brand). */
export function flowchartSvg(steps: readonly FlowStep[], labels: FlowLabels): string {
  const parts: string[] = [];
  let y = 8;
  const terminal = (label: string) => {
    parts.push(
      `<rect x="${W / 2 - 100}" y="${y}" width="200" height="40" rx="20" class="flow-terminal"/>`,
      `<text x="${W / 2}" y="${y + 26}" text-anchor="middle" class="flow-terminal__text">${esc(label)}</text>`,
    );
    y += 40;
  };
  const arrow = () => {
    parts.push(
      `<path d="M${W / 2} ${y + 2}V${y + 24}" class="flow-arrow"/>`,
      `<path d="M${W / 2 - 6} ${y + 18}L${W / 2} ${y + 26}L${W / 2 + 6} ${y + 18}Z" class="flow-arrowhead"/>`,
    );
    y += 30;
  };
  terminal(labels.start);
  for (const [i, s] of steps.entries()) {
    arrow();
    const detail = wrapThai(s.detail, 30, 4);
    const who = s.responsible ? wrapThai(s.responsible, 36, 2) : [];
    const h = PAD + 24 + detail.length * LINE + (who.length ? 6 + who.length * 19 : 0) + PAD - 4;
    const top = y;
    parts.push(`<rect x="4" y="${top}" width="${W - 8}" height="${h}" rx="10" class="flow-box"/>`);
    parts.push(`<circle cx="34" cy="${top + PAD + 14}" r="17" class="flow-number"/>`);
    parts.push(`<text x="34" y="${top + PAD + 20}" text-anchor="middle" class="flow-number__text">${i + 1}</text>`);
    parts.push(`<text x="62" y="${top + PAD + 19}" class="flow-kind">${esc(s.kind)}</text>`);
    parts.push(`<text x="${W - 18}" y="${top + PAD + 19}" text-anchor="end" class="flow-duration">${esc(s.duration)}</text>`);
    let ty = top + PAD + 24 + LINE - 4;
    for (const l of detail) {
      parts.push(`<text x="62" y="${ty}" class="flow-detail">${esc(l)}</text>`);
      ty += LINE;
    }
    if (who.length) {
      ty += 4;
      for (const l of who) {
        parts.push(`<text x="62" y="${ty}" class="flow-who">${esc(l)}</text>`);
        ty += 19;
      }
    }
    y = top + h;
  }
  arrow();
  terminal(labels.end);
  y += 8;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="service-flow__svg" viewBox="0 0 ${W} ${y}" width="${W}" height="${y}" aria-hidden="true" focusable="false">${parts.join('')}</svg>`;
}
