import { isoDayNoon } from '../../../core/thai/index.js';
import { beDate } from '../../../core/thai/locale-dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { PageHeader, Tag } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { ShareLinks } from '../../../core/ui/share.js';
import { publicationFileHref } from '../../publications/service.js';
import type { PublicMeeting } from '../service.js';

/** /participation: the meetings that gathered opinions, their results and minutes (published ones only). */
export function ParticipationPage({ items }: { items: PublicMeeting[] }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const years = [...new Set(items.map((i) => i.meeting.fiscalYear))].sort((a, b) => b - a);
  return (
    <PublicLayout
      title={t('meetings.public.title')}
      head={<link rel="stylesheet" href={assetUrl('meetings.css')} />}
      meta={{ description: t('meetings.public.lead') }}
    >
      <PageHeader title={t('meetings.public.title')} lead={t('meetings.public.lead')} />
      {items.length === 0 ? <p>{t('meetings.public.none')}</p> : null}
      {years.map((fy) => (
        <section aria-labelledby={`fy-${fy}`} class="meetings-section">
          <h2 id={`fy-${fy}`}>{t('meetings.public.year', { year: fy })}</h2>
          {items
            .filter((i) => i.meeting.fiscalYear === fy)
            .map(({ meeting: m, opinions, attended, actions }) => (
              <article class="card meetings-public" aria-labelledby={`m-${m.id}`}>
                <h3 id={`m-${m.id}`}>{m.title}</h3>
                <p class="muted">
                  {t(`meetings.public.kinds.${m.kind}`)} · {beDate(m.startsAt, locale)} · {m.place}
                </p>
                {m.purpose ? <p>{m.purpose}</p> : null}
                <p>{t('meetings.public.counts', { attended, opinions })}</p>
                <h4>{t('meetings.public.results')}</h4>
                <ol class="meetings-agenda">
                  {m.agenda.map((a) => (
                    <li>
                      <strong>{a.title}</strong>
                      {a.resolution ? (
                        <p>
                          <span class="meetings-label">{t('meetings.public.resolution')}: </span>
                          {a.resolution}
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ol>
                {actions.length ? (
                  <>
                    <h4>{t('meetings.public.actions')}</h4>
                    <ul>
                      {actions.map((a) => (
                        <li>
                          {a.title} · {t('meetings.public.due', { date: beDate(isoDayNoon(a.dueOn), locale) })}{' '}
                          <Tag tone={a.status === 'done' ? 'success' : 'info'}>{t(`meetings.public.actionStatus.${a.status}`)}</Tag>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {m.publicationId ? (
                  <p>
                    <a href={publicationFileHref({ id: m.publicationId })}>{t('meetings.public.minutesPdf')}</a>
                  </p>
                ) : null}
              </article>
            ))}
        </section>
      ))}
      <ShareLinks path="/participation" title={t('meetings.public.title')} />
    </PublicLayout>
  );
}
