/**
 * The memo (บันทึกข้อความ) as semantic, accessible HTML with the same content as the PDF:
 * headings, a description list for the head fields, the signature blocks, the comments as
 * sections, and each attached table as a real <table> with column and row headers. Styled
 * by the "memo preview" section of src/core/ui/assets/app.css to look like A4 pages on a
 * wide screen; on a phone the pages take the full width and a table scrolls sideways in a
 * focusable region. No inline styles (the CSP forbids them); images are data: URLs.
 *
 * The fixed words of the form (บันทึกข้อความ, ส่วนราชการ, ที่, วันที่, เรื่อง) are part of
 * the Thai official document, as in the PDF, not interface text.
 */
import type { Child } from 'hono/jsx';
import type { ImageAsset, MemoInput } from './memo.js';
import { type MemoView, memoView, type ParView, type SignerView, type TableView } from './memo-view.js';

const MIME: Readonly<Record<ImageAsset['type'], string>> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg' };

function dataUrl(a: ImageAsset): string {
  return `data:${MIME[a.type]};base64,${Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength).toString('base64')}`;
}

let sequence = 0;

type Level = 2 | 3 | 4;

function Heading(props: { level: Level; id?: string; class?: string; children: Child }) {
  const { level, children, ...rest } = props;
  if (level === 2) return <h2 {...rest}>{children}</h2>;
  if (level === 3) return <h3 {...rest}>{children}</h3>;
  return <h4 {...rest}>{children}</h4>;
}

function Paragraph(props: { p: ParView }) {
  const cls = ['memo-par', props.p.indent ? 'memo-par--indent' : '', props.p.justify ? 'memo-par--justify' : '']
    .filter((c) => c !== '')
    .join(' ');
  return <p class={cls}>{props.p.text}</p>;
}

function Signature(props: { view: MemoView; signer: SignerView; date?: string | null; blank: number }) {
  const { signer: s, view } = props;
  const m = s.mark;
  const image = m.kind === 'image' ? view.files[m.file] : undefined;
  return (
    <div class="memo-signature">
      {m.kind === 'typed' ? (
        <p class="memo-signature__mark memo-signature__mark--typed">{m.text}</p>
      ) : image !== undefined ? (
        <p class="memo-signature__mark">
          <img class="memo-signature__image" src={dataUrl(image)} alt={`ลายมือชื่อ ${s.name}`} />
        </p>
      ) : (
        <p
          class={`memo-signature__mark memo-signature__mark--blank memo-signature__mark--lines-${Math.min(Math.max(props.blank, 1), 4)}`}
        />
      )}
      <p>({s.name})</p>
      {s.positions.map((p) => (
        <p>{p}</p>
      ))}
      {props.date ? <p>{props.date}</p> : null}
    </div>
  );
}

function Attachment(props: { table: TableView; level: Level; id: string }) {
  const t = props.table;
  const titleId = `${props.id}-title`;
  return (
    <section class={`memo-page memo-page--attachment${t.landscape ? ' memo-page--landscape' : ''}`} aria-labelledby={titleId}>
      <Heading level={props.level} id={titleId} class="memo-attachment__title">
        {t.title.map((line, i) => (i === 0 ? line : [<br />, line]))}
      </Heading>
      {t.intro.map((p) => (
        <Paragraph p={p} />
      ))}
      <section class="memo-table-wrap" aria-labelledby={titleId} tabindex={0}>
        <table class="memo-table">
          <caption class="visually-hidden">{t.title.join(' ')}</caption>
          <thead>
            <tr>
              {t.columns.map((c) => (
                <th scope="col">{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.map((row) => (
              <tr>
                {row.map((cell, i) => {
                  const align = t.columns[i]?.align ?? 'left';
                  const cls = align === 'left' ? undefined : `memo-table__cell--${align}`;
                  const content = cell.map((p) => <p>{p}</p>);
                  return i === 0 ? (
                    <th scope="row" class={cls}>
                      {content}
                    </th>
                  ) : (
                    <td class={cls}>{content}</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/**
 * The memo, its comments and its attachments. `headingLevel` is the level of the
 * "บันทึกข้อความ" heading (default 2, under the page's own h1); comments and attachments are
 * one level below.
 */
export function MemoPreview(props: { input: MemoInput; headingLevel?: 2 | 3 }) {
  const v = memoView(props.input);
  const level: Level = props.headingLevel ?? 2;
  const sub = (level + 1) as Level;
  const id = `memo-${++sequence}`;
  const garuda = v.garuda === null ? undefined : v.files[v.garuda];
  return (
    <article class="memo-doc" lang="th" aria-labelledby={`${id}-title`}>
      <div class="memo-page">
        <header class="memo-head">
          {garuda === undefined ? (
            <span class="memo-head__garuda" aria-hidden="true" />
          ) : (
            <img class="memo-head__garuda" src={dataUrl(garuda)} alt="ตราครุฑ" />
          )}
          <Heading level={level} id={`${id}-title`} class="memo-head__title">
            บันทึกข้อความ
          </Heading>
        </header>
        <dl class="memo-fields">
          <div class="memo-field memo-field--wide">
            <dt>ส่วนราชการ</dt>
            <dd>{v.agency}</dd>
          </div>
          <div class="memo-field">
            <dt>ที่</dt>
            <dd>{v.reference}</dd>
          </div>
          <div class="memo-field">
            <dt>วันที่</dt>
            <dd>{v.date}</dd>
          </div>
          <div class="memo-field memo-field--wide">
            <dt>เรื่อง</dt>
            <dd>{v.subject}</dd>
          </div>
        </dl>
        <p class="memo-salutation">
          {v.salutation} {v.to}
        </p>
        {v.body.map((p) => (
          <Paragraph p={p} />
        ))}
        <Signature view={v} signer={v.signer} blank={3} />
        {v.comments.map((c, i) => (
          <section class="memo-comment" aria-labelledby={`${id}-comment-${i}`}>
            <Heading level={sub} id={`${id}-comment-${i}`} class="memo-comment__heading">
              {c.heading}
            </Heading>
            {c.to === null ? null : (
              <p class="memo-par memo-par--indent">
                {c.salutation} {c.to}
              </p>
            )}
            {c.text.map((p) => (
              <Paragraph p={p} />
            ))}
            <Signature view={v} signer={c.signer} date={c.date} blank={c.blank} />
          </section>
        ))}
      </div>
      {v.attachments.map((t, i) => (
        <Attachment table={t} level={sub} id={`${id}-attachment-${i}`} />
      ))}
    </article>
  );
}
