import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue, formValueOr } from '../../../core/http/forms.js';
import { formatThaiDate, formatThaiDateTime } from '../../../core/thai/dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ErrorSummary,
  FileField,
  Form,
  Icon,
  PageHeader,
  SelectField,
  SummaryList,
  Tag,
  TextArea,
  TextField,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { PersonName } from '../../../core/ui/names.js';
import type { Question } from '../qa.js';
import type { OrgPageKey, QuestionStatus } from '../schema.js';
import { QUESTION_STATUSES } from '../schema.js';
import { type OrgPage, type OrgStructure, type ProfileView, pagePath, SOCIAL_KINDS } from '../service.js';

export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

const head = <link rel="stylesheet" href={assetUrl('about.css')} />;

function AdminCrumbs({ here }: { here?: string }) {
  const t = useT();
  return (
    <Breadcrumbs
      items={[
        { href: '/staff', text: t('home.nav.dashboard') },
        { href: '/staff/admin/about', text: t('about.staff.title') },
        ...(here ? [{ text: here }] : []),
      ]}
    />
  );
}

export function AboutAdminPage({
  pages,
  profile,
  s,
}: {
  pages: { key: OrgPageKey; page: OrgPage | null }[];
  profile: ProfileView;
  s: OrgStructure;
}) {
  const t = useT();
  const withPhoto = [...s.executives, ...s.administration, ...s.divisions.flatMap((d) => d.heads)].flatMap((x) => x.holders);
  return (
    <StaffLayout title={t('about.staff.title')} head={head}>
      <PageHeader
        title={t('about.staff.title')}
        lead={t('about.staff.lead')}
        actions={
          <ButtonLink href="/about" icon="external-link">
            {t('about.staff.view')}
          </ButtonLink>
        }
      />
      <section aria-labelledby="pages-title">
        <h2 id="pages-title">{t('about.staff.pages')}</h2>
        <section class="table-wrap" tabindex={0} aria-labelledby="pages-title">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('about.staff.page')}</th>
                <th scope="col">{t('about.staff.status')}</th>
                <th scope="col">{t('about.staff.updated')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('about.staff.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pages.map(({ key, page }) => (
                <tr>
                  <th scope="row">
                    {page ? <a href={pagePath(key)}>{page.title ?? t(`about.pages.${key}`)}</a> : t(`about.pages.${key}`)}
                  </th>
                  <td>
                    {page ? (
                      <Tag tone="success">{t('about.staff.published', { n: page.version })}</Tag>
                    ) : (
                      <Tag tone="warning">{t('about.staff.notWritten')}</Tag>
                    )}
                  </td>
                  <td>{page ? formatThaiDateTime(page.updatedAt) : '–'}</td>
                  <td>
                    <a href={`/staff/admin/about/pages/${key}`}>
                      <Icon name="pencil" size={18} /> {page ? t('about.staff.edit') : t('about.staff.write')}
                      <span class="visually-hidden"> {t(`about.pages.${key}`)}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
      <div class="grid">
        <section class="card">
          <h2 class="card__title">
            <Icon name="map-pin" /> <a href="/staff/admin/about/profile">{t('about.staff.profile')}</a>
          </h2>
          <p>{t('about.staff.profileLead')}</p>
          <p class="muted">
            {profile.latitude ? `${profile.latitude}, ${profile.longitude}` : t('about.public.mapNone')} · {t('about.pages.social')}:{' '}
            {profile.social.length}
          </p>
        </section>
        <section class="card">
          <h2 class="card__title">
            <Icon name="users" /> <a href="/staff/admin/about/photos">{t('about.staff.photos')}</a>
          </h2>
          <p>{t('about.staff.photosLead')}</p>
          <p class="muted">
            {withPhoto.filter((p) => p.photoUrl).length} / {withPhoto.length}
          </p>
        </section>
        <section class="card">
          <h2 class="card__title">
            <Icon name="network" /> {t('about.staff.generated')}
          </h2>
          <p>{t('about.staff.generatedLead')}</p>
          <ul>
            <li>
              <a href="/about/structure">{t('about.pages.structure')}</a>
            </li>
            <li>
              <a href="/about/executives">{t('about.pages.executives')}</a>
            </li>
            <li>
              <a href="/about/contact">{t('about.pages.contact')}</a>
            </li>
          </ul>
        </section>
      </div>
    </StaffLayout>
  );
}

export function PageEditPage({ pageKey, page, form }: { pageKey: OrgPageKey; page: OrgPage | null; form: FormState }) {
  const t = useT();
  const name = t(`about.pages.${pageKey}`);
  const v = (k: string, fallback: string) => formValueOr(form.values, k, fallback);
  const version = page?.version ?? 0;
  return (
    <StaffLayout title={t('about.staff.editPage', { page: name })} current="/staff/admin/about" head={head}>
      <AdminCrumbs here={name} />
      <PageHeader title={t('about.staff.editPage', { page: name })} lead={t('about.staff.editLead')} />
      <ErrorSummary errors={form.errors} />
      {page ? <p class="muted">{t('about.staff.currentVersion', { n: page.version })}</p> : null}
      <Form action={`/staff/admin/about/pages/${pageKey}`} class="about-editor">
        <input type="hidden" name="version" value={String(version)} />
        <TextField
          name="title"
          label="about.fields.title"
          hint="about.hints.title"
          value={v('title', page?.title ?? '')}
          errors={form.errors}
          optional
          maxlength={200}
        />
        <TextArea
          name="body"
          label="about.fields.body"
          hint="about.hints.body"
          value={v('body', page?.bodySource ?? '')}
          errors={form.errors}
          rows={20}
        />
        {page ? (
          <TextArea
            name="reason"
            label="about.fields.reason"
            hint="about.hints.reason"
            value={v('reason', '')}
            errors={form.errors}
            rows={2}
          />
        ) : null}
        <Button icon="upload">{t('about.staff.save')}</Button>
      </Form>
      {page ? (
        <section class="about-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('about.staff.preview')}</h2>
          <div class="prose" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
          <p>
            <a href={pagePath(pageKey)}>
              <Icon name="external-link" size={18} /> {t('about.staff.view')}
            </a>
          </p>
        </section>
      ) : null}
    </StaffLayout>
  );
}

/** Blank rows after the saved ones: channels are added without JavaScript. */
const BLANK_SOCIAL_ROWS = 2;

export function ProfileEditPage({ profile, form }: { profile: ProfileView; form: FormState }) {
  const t = useT();
  const posted = Object.keys(form.values).length > 0;
  const rows = posted
    ? Array.from({ length: Number(formValue(form.values, 'socialRows')) || 0 }, (_, i) => ({
        kind: formValue(form.values, `social${i}.kind`),
        url: formValue(form.values, `social${i}.url`),
        label: formValue(form.values, `social${i}.label`),
      }))
    : [
        ...profile.social.map((s) => ({ kind: s.kind, url: s.url, label: s.label ?? '' })),
        ...Array.from({ length: BLANK_SOCIAL_ROWS }, () => ({ kind: 'facebook', url: '', label: '' })),
      ];
  const v = (k: 'latitude' | 'longitude' | 'officeHours') => (posted ? formValue(form.values, k) : (profile[k] ?? ''));
  return (
    <StaffLayout title={t('about.staff.profile')} current="/staff/admin/about" head={head}>
      <AdminCrumbs here={t('about.staff.profile')} />
      <PageHeader title={t('about.staff.profile')} lead={t('about.staff.profileLead')} />
      <ErrorSummary errors={form.errors} />
      <Form action="/staff/admin/about/profile">
        <fieldset class="fieldset about-coords">
          <legend class="field__label">{t('about.public.map')}</legend>
          <p class="field__hint">{t('about.hints.coordinates')}</p>
          <div class="about-coords__pair">
            <TextField
              name="latitude"
              label="about.fields.latitude"
              value={v('latitude')}
              errors={form.errors}
              optional
              width="s"
              inputmode="decimal"
              maxlength={20}
            />
            <TextField
              name="longitude"
              label="about.fields.longitude"
              value={v('longitude')}
              errors={form.errors}
              optional
              width="s"
              inputmode="decimal"
              maxlength={20}
            />
          </div>
        </fieldset>
        <TextArea
          name="officeHours"
          label="about.fields.officeHours"
          hint="about.hints.officeHours"
          value={v('officeHours')}
          errors={form.errors}
          optional
          rows={3}
        />
        <fieldset class="fieldset">
          <legend class="field__label">{t('about.pages.social')}</legend>
          <p class="field__hint">{t('about.staff.socialHelp')}</p>
          <input type="hidden" name="socialRows" value={String(rows.length)} />
          {rows.map((r, i) => (
            <fieldset class="fieldset about-social-row">
              <legend>{t('about.staff.socialRow', { n: i + 1 })}</legend>
              <SelectField
                name={`social${i}.kind`}
                label="about.fields.socialKind"
                value={r.kind}
                options={SOCIAL_KINDS.map((k) => ({ value: k, text: t(`about.public.socialKinds.${k}`) }))}
                errors={form.errors}
              />
              <TextField
                name={`social${i}.url`}
                label="about.fields.socialUrl"
                hint="about.hints.socialUrl"
                type="url"
                value={r.url}
                errors={form.errors}
                optional
                maxlength={500}
              />
              <TextField
                name={`social${i}.label`}
                label="about.fields.socialLabel"
                value={r.label}
                errors={form.errors}
                optional
                maxlength={100}
              />
            </fieldset>
          ))}
        </fieldset>
        <Button icon="upload">{t('about.staff.saveProfile')}</Button>
      </Form>
    </StaffLayout>
  );
}

export function PhotosPage({ s, form }: { s: OrgStructure; form: FormState & { staffId?: number } }) {
  const t = useT();
  // One form per person: someone acting for a second post is listed once, under the first.
  const seen = new Set<number>();
  const slots = [...s.executives, ...s.administration, ...s.divisions.flatMap((d) => d.heads)].map((slot) => ({
    ...slot,
    holders: slot.holders.filter((p) => !seen.has(p.staffId) && !!seen.add(p.staffId)),
  }));
  return (
    <StaffLayout title={t('about.staff.photos')} current="/staff/admin/about" head={head}>
      <AdminCrumbs here={t('about.staff.photos')} />
      <PageHeader title={t('about.staff.photos')} lead={t('about.staff.photosLead')} />
      <ul class="photo-admin">
        {slots.flatMap((slot) =>
          slot.holders.map((p) => {
            const errors = form.staffId === p.staffId ? form.errors : [];
            return (
              <li class="photo-admin__item card" id={`staff-${p.staffId}`}>
                {p.photoUrl ? (
                  <img
                    class="person-card__photo"
                    src={p.photoUrl}
                    alt={t('about.public.photoOf', { name: p.name })}
                    width="120"
                    height="150"
                  />
                ) : (
                  <span class="person-card__photo person-card__photo--none">
                    <Icon name="user" size={48} />
                    <span class="visually-hidden">{t('about.staff.noPhoto')}</span>
                  </span>
                )}
                <div>
                  <h2 class="person-card__name">
                    <PersonName name={p.name} />
                  </h2>
                  <p class="muted">{slot.title}</p>
                  <ErrorSummary errors={errors} />
                  <Form action={`/staff/admin/about/photos/${p.staffId}`} multipart aria-label={`${t('about.staff.upload')}: ${p.name}`}>
                    <FileField
                      name={`photo-${p.staffId}`}
                      label="about.fields.photo"
                      hint="about.hints.photo"
                      accept="image/jpeg,image/png,image/webp,image/svg+xml"
                      errors={errors}
                    />
                    <Button icon="upload" variant="secondary">
                      {t('about.staff.upload')}
                    </Button>
                  </Form>
                  {p.photoUrl ? (
                    <Form
                      action={`/staff/admin/about/photos/${p.staffId}/delete`}
                      aria-label={`${t('about.staff.removePhoto')}: ${p.name}`}
                    >
                      <Button icon="trash-2" variant="quiet">
                        {t('about.staff.removePhoto')}
                      </Button>
                    </Form>
                  ) : null}
                </div>
              </li>
            );
          }),
        )}
      </ul>
    </StaffLayout>
  );
}

function StatusTabs({ status, counts }: { status: QuestionStatus; counts: Record<QuestionStatus, number> }) {
  const t = useT();
  return (
    <nav class="about-tabs" aria-label={t('about.staff.status')}>
      <ul>
        {QUESTION_STATUSES.map((s) => (
          <li>
            <a href={`/staff/qa?status=${s}`} aria-current={s === status ? 'page' : undefined}>
              {t('about.staff.statusCount', { status: t(`about.staff.statuses.${s}`), n: counts[s] })}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function QaStaffListPage({
  status,
  counts,
  questions,
}: {
  status: QuestionStatus;
  counts: Record<QuestionStatus, number>;
  questions: Question[];
}) {
  const t = useT();
  return (
    <StaffLayout title={t('about.staff.qaTitle')} head={head}>
      <PageHeader
        title={t('about.staff.qaTitle')}
        lead={t('about.staff.qaLead')}
        actions={
          <ButtonLink href="/qa" icon="external-link">
            {t('about.staff.view')}
          </ButtonLink>
        }
      />
      <StatusTabs status={status} counts={counts} />
      {questions.length ? (
        <section class="table-wrap" tabindex={0} aria-label={t('about.staff.qaTitle')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('about.fields.question')}</th>
                <th scope="col">{t('about.staff.askerName')}</th>
                <th scope="col">{t('about.staff.asked')}</th>
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr>
                  <th scope="row" class="about-question-cell">
                    <a href={`/staff/qa/${q.id}`}>{q.question.length > 120 ? `${q.question.slice(0, 119)}…` : q.question}</a>
                  </th>
                  <td>{q.askerName ?? t('about.qa.anonymous')}</td>
                  <td>{formatThaiDateTime(q.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p>{t('about.staff.noQuestions')}</p>
      )}
    </StaffLayout>
  );
}

export function QaStaffItemPage({ q, answer, reject }: { q: Question; answer: FormState; reject: FormState }) {
  const t = useT();
  const v = (k: string, fallback: string) => formValueOr(answer.values, k, fallback);
  return (
    <StaffLayout title={t('about.staff.questionTitle', { id: q.id })} current="/staff/qa" head={head}>
      <Breadcrumbs
        items={[{ href: '/staff/qa', text: t('about.staff.qaTitle') }, { text: t('about.staff.questionTitle', { id: q.id }) }]}
      />
      <PageHeader title={t('about.staff.questionTitle', { id: q.id })} />
      <SummaryList
        rows={[
          { key: t('about.staff.status'), value: t(`about.staff.statuses.${q.status}`) },
          { key: t('about.staff.asked'), value: formatThaiDateTime(q.createdAt) },
          { key: t('about.staff.askerName'), value: q.askerName ?? t('about.qa.anonymous') },
          { key: t('about.staff.contact'), value: q.contact ?? '–' },
          { key: t('about.staff.originalQuestion'), value: <span class="about-pre">{q.question}</span> },
          ...(q.answeredAt && q.status === 'answered' ? [{ key: t('about.qa.answer'), value: formatThaiDate(q.answeredAt) }] : []),
        ]}
      />
      {q.status === 'rejected' ? (
        <Banner tone="neutral">{t('about.staff.rejectedBecause', { reason: q.rejectReason ?? '' })}</Banner>
      ) : null}
      {q.status === 'answered' ? (
        <p>
          <a href={`/qa/${q.id}`}>
            <Icon name="external-link" size={18} /> {t('about.staff.publicLink')}
          </a>
        </p>
      ) : null}
      {q.status !== 'rejected' ? (
        <section aria-labelledby="answer-title" class="card">
          <h2 id="answer-title">{q.status === 'answered' ? t('about.staff.editAnswer') : t('about.staff.answerTitle')}</h2>
          <ErrorSummary errors={answer.errors} />
          <Form action={`/staff/qa/${q.id}/answer`}>
            <TextArea
              name="question"
              label="about.fields.question"
              hint="about.hints.answerQuestion"
              value={v('question', q.question)}
              errors={answer.errors}
              rows={4}
            />
            <TextArea name="answer" label="about.fields.answer" value={v('answer', q.answer ?? '')} errors={answer.errors} rows={8} />
            <Button icon="circle-check">{q.status === 'answered' ? t('about.staff.saveAnswer') : t('about.staff.publishAnswer')}</Button>
          </Form>
        </section>
      ) : null}
      {q.status === 'pending' ? (
        <section aria-labelledby="reject-title" class="card">
          <h2 id="reject-title">{t('about.staff.rejectTitle')}</h2>
          <p class="muted">{t('about.staff.rejectLead')}</p>
          <ErrorSummary errors={reject.errors} />
          <Form action={`/staff/qa/${q.id}/reject`}>
            <TextField
              name="reason"
              label="about.fields.rejectReason"
              value={formValue(reject.values, 'reason')}
              errors={reject.errors}
              maxlength={1000}
            />
            <Button icon="x" variant="danger">
              {t('about.staff.reject')}
            </Button>
          </Form>
        </section>
      ) : null}
      <p>
        <a href={`/staff/qa?status=${q.status}`}>
          <Icon name="chevron-left" size={18} /> {t('about.staff.back')}
        </a>
      </p>
    </StaffLayout>
  );
}
