import type { Child } from 'hono/jsx';
import { assetUrl } from '../../../core/ui/assets.js';
import { Icon } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { KioskLayout, PublicLayout } from '../../../core/ui/layouts.js';
import { RefreshWithoutScript } from '../../queue/views/kiosk.js';
import type { FormDefinition } from '../schema.js';
import { FormTextSpan, localText, SurveyForm, type SurveyFormProps } from './survey-form.js';

/** How long the counter tablet keeps a half-filled form nobody touches, and its thank-you screen. */
export const KIOSK_IDLE_SECONDS = 90;
export const KIOSK_THANKS_SECONDS = 8;
/** Without JavaScript the tablet's form reloads after this long (a forgotten half-filled form is cleared). */
export const KIOSK_NOSCRIPT_SECONDS = 300;

const surveyHead = (extra?: Child) => (
  <>
    <link rel="stylesheet" href={assetUrl('survey.css')} />
    <script src={assetUrl('survey-kiosk.js')} defer />
    {extra}
  </>
);

function FormIntro(props: { def: FormDefinition; lead?: string | null }) {
  return (
    <header class="survey-head">
      <h1 class="survey-head__title">
        <FormTextSpan text={props.def.title} />
      </h1>
      {props.lead ? <p class="survey-head__lead">{props.lead}</p> : null}
      {props.def.intro ? (
        <p class="survey-head__intro">
          <FormTextSpan text={props.def.intro} />
        </p>
      ) : null}
    </header>
  );
}

/** The survey on the public site: from the public link, or from a queue ticket's QR (lead: the ticket). */
export function SurveyPage(props: SurveyFormProps & { lead?: string | null; locale: string }) {
  return (
    <PublicLayout title={localText(props.def.title, props.locale).text} head={surveyHead()}>
      <div class="survey-page">
        <FormIntro def={props.def} lead={props.lead} />
        <SurveyForm {...props} />
      </div>
    </PublicLayout>
  );
}

/** A short page instead of the form: thanks, already answered, not ready yet. */
export function SurveyMessagePage(props: {
  title: string;
  body: string;
  tone: 'done' | 'info';
  links: { href: string; text: string; primary?: boolean }[];
}) {
  return (
    <PublicLayout title={props.title} head={surveyHead()}>
      <section class={`survey-message survey-message--${props.tone}`} aria-labelledby="survey-message-title">
        <span class="survey-message__icon" aria-hidden="true">
          <Icon name={props.tone === 'done' ? 'circle-check' : 'info'} size={56} />
        </span>
        <h1 id="survey-message-title">{props.title}</h1>
        <p class="survey-message__body">{props.body}</p>
        <p class="survey-message__links">
          {props.links.map((l) => (
            <a class={`button ${l.primary ? 'button--primary' : 'button--secondary'}`} href={l.href}>
              {l.text}
            </a>
          ))}
        </p>
      </section>
    </PublicLayout>
  );
}

/**
 * The counter tablet (kiosk mode): big targets, no navigation. With JavaScript a form left
 * half-filled is cleared after KIOSK_IDLE_SECONDS; without it the page reloads after
 * KIOSK_NOSCRIPT_SECONDS.
 */
export function SurveyKioskPage(props: SurveyFormProps & { startUrl: string; targetName: string | null; locale: string }) {
  const t = useT();
  return (
    <KioskLayout
      title={t('surveys.collect.kiosk.title')}
      head={surveyHead(<RefreshWithoutScript seconds={KIOSK_NOSCRIPT_SECONDS} url={props.startUrl} />)}
    >
      <div class="survey-page survey-page--kiosk" data-survey-kiosk data-return={props.startUrl} data-idle={String(KIOSK_IDLE_SECONDS)}>
        <FormIntro def={props.def} lead={props.targetName ? t('surveys.collect.kiosk.forTarget', { name: props.targetName }) : null} />
        <SurveyForm {...props} kiosk />
        <p class="survey-kiosk__idle" data-survey-idle={t('surveys.collect.kiosk.idle', { seconds: '{seconds}' })} hidden role="status" />
      </div>
    </KioskLayout>
  );
}

/** The tablet's thank-you screen: back to a fresh form after a few seconds (with or without JavaScript). */
export function SurveyKioskThanksPage(props: { startUrl: string }) {
  const t = useT();
  return (
    <KioskLayout
      title={t('surveys.collect.kiosk.thanksTitle')}
      head={surveyHead(<RefreshWithoutScript seconds={KIOSK_THANKS_SECONDS} url={props.startUrl} />)}
    >
      <section
        class="survey-message survey-message--done survey-message--kiosk"
        aria-labelledby="survey-message-title"
        data-survey-kiosk
        data-return={props.startUrl}
        data-after={String(KIOSK_THANKS_SECONDS)}
      >
        <span class="survey-message__icon" aria-hidden="true">
          <Icon name="smile" size={120} />
        </span>
        <h1 id="survey-message-title">{t('surveys.collect.kiosk.thanksTitle')}</h1>
        <p class="survey-message__body">{t('surveys.collect.kiosk.thanksBody')}</p>
        <p class="survey-message__links">
          <a class="button button--primary" href={props.startUrl}>
            {t('surveys.collect.kiosk.startOver')}
          </a>
        </p>
        <p class="survey-message__note">{t('surveys.collect.kiosk.returning', { seconds: KIOSK_THANKS_SECONDS })}</p>
      </section>
    </KioskLayout>
  );
}
