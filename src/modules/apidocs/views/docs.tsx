import { Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';

export interface ApiOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  secured: boolean;
  params: { name: string; in: string; required: boolean; description: string }[];
  body: string | null;
  responses: { code: string; description: string }[];
}

/** The API reference, rendered on the server from the OpenAPI document: no CDN, no JavaScript. */
export function ApiDocsPage({ operations, schemas }: { operations: ApiOperation[]; schemas?: Record<string, unknown> }) {
  const t = useT();
  return (
    <PublicLayout title={t('apidocs.title')}>
      <div class="prose">
        <h1>{t('apidocs.title')}</h1>
        <p>
          {t('apidocs.lead')} <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
        <p>{t('apidocs.auth')}</p>
        <nav aria-labelledby="api-contents">
          <h2 id="api-contents">{t('apidocs.contents')}</h2>
          <ul>
            {operations.map((o) => (
              <li>
                <a href={`#${o.operationId}`}>
                  <code>{o.operationId}</code>
                </a>{' '}
                — {o.summary}
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {operations.map((o) => (
        <section class="card api-op" id={o.operationId} aria-labelledby={`${o.operationId}-title`}>
          <h2 class="card__title" id={`${o.operationId}-title`}>
            <code>{o.operationId}</code>
          </h2>
          <p>
            <strong class="mono">
              {o.method} {o.path}
            </strong>{' '}
            {o.secured ? <Tag tone="warning">{t('apidocs.requiresAuth')}</Tag> : <Tag tone="success">{t('apidocs.public')}</Tag>}
          </p>
          <p>{o.summary}</p>
          {o.params.length > 0 ? (
            <>
              <h3>{t('apidocs.parameters')}</h3>
              <ul>
                {o.params.map((p) => (
                  <li>
                    <code>{p.name}</code> ({p.in}
                    {p.required ? `, ${t('apidocs.required')}` : ''}) {p.description}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {o.body ? (
            <>
              <h3>{t('apidocs.body')}</h3>
              <pre class="code-block">{o.body}</pre>
            </>
          ) : null}
          <h3>{t('apidocs.responses')}</h3>
          <ul>
            {o.responses.map((r) => (
              <li>
                <code>{r.code}</code> {r.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {schemas ? (
        <section class="card">
          <h2 class="card__title">{t('apidocs.schemas')}</h2>
          <pre class="code-block">{JSON.stringify(schemas, null, 2)}</pre>
        </section>
      ) : null}
    </PublicLayout>
  );
}
