import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/** A text of a survey form in the three languages citizens answer in (en and ms fall back to th). */
export interface FormText {
  th: string;
  en?: string;
  ms?: string;
}

/** One 5-level rating question (มากที่สุด 5 … น้อยที่สุด 1). Keys are stable across versions when the question is the same. */
export interface FormItem {
  key: string;
  text: FormText;
}

/** A group of questions: process/steps, staff, facilities, service quality, overall. */
export interface FormGroup {
  key: string;
  title: FormText;
  items: FormItem[];
}

/** An optional demographic question with fixed choices (เพศ, อายุ, การศึกษา, อาชีพ). */
export interface FormDemographic {
  key: string;
  title: FormText;
  options: { key: string; text: FormText }[];
}

export interface FormDefinition {
  title: FormText;
  intro?: FormText;
  groups: FormGroup[];
  demographics: FormDemographic[];
  /** Whether the open suggestion box (ข้อเสนอแนะ) is shown. */
  suggestion: boolean;
}

/** The organization's satisfaction form: a changed form is a new version; answers keep the version they answered. */
export const surveyFormVersions = pgTable(
  'survey_form_versions',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<FormDefinition>().notNull(),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('survey_form_versions_version').on(t.orgId, t.version)],
);

export const SURVEY_CHANNELS = ['ticket', 'tablet', 'public', 'paper'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

/**
 * One filled form. Ratings are {itemKey: 1..5} (an item left blank is absent). A queue ticket
 * answers once (database-enforced); a paper form records who typed it in.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    formVersionId: integer('form_version_id').notNull(),
    /** The division whose service was rated (the report is per division). */
    divisionId: integer('division_id'),
    /** The queue service (งานบริการ), when known. */
    serviceId: integer('service_id'),
    /** The queue ticket whose QR led here: one response per ticket. */
    ticketId: integer('ticket_id'),
    channel: text('channel').$type<SurveyChannel>().notNull(),
    ratings: jsonb('ratings').$type<Record<string, number>>().notNull(),
    /**
     * Totals of this response's ratings (how many, their sum, the sum of squares), kept by the
     * database (functions in migration 0010) and carried at the end of the time indexes: the
     * overall mean and S.D. of a division's month and its trend come from the index alone.
     */
    ratingsN: smallint('ratings_n').generatedAlwaysAs(sql`survey_ratings_n(ratings)`),
    ratingsSum: smallint('ratings_sum').generatedAlwaysAs(sql`survey_ratings_sum(ratings)`),
    ratingsSumSq: smallint('ratings_sumsq').generatedAlwaysAs(sql`survey_ratings_sumsq(ratings)`),
    demographics: jsonb('demographics').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    locale: text('locale').notNull().default('th'),
    /** One per form render: a double submit stores one response. */
    clientKey: text('client_key'),
    /** Paper forms: who typed it in, and the form's own number or date written on it. */
    enteredBy: integer('entered_by'),
    paperRef: text('paper_ref'),
    /** When the citizen answered (for paper: the date on the form). */
    submittedAt: timestampColumn('submitted_at').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('survey_responses_ticket').on(t.orgId, t.ticketId).where(sql`ticket_id IS NOT NULL`),
    uniqueIndex('survey_responses_client_key').on(t.orgId, t.clientKey).where(sql`client_key IS NOT NULL`),
    index('survey_responses_division_time').on(t.orgId, t.divisionId, t.submittedAt, t.ratingsN, t.ratingsSum, t.ratingsSumSq),
    index('survey_responses_time').on(t.orgId, t.submittedAt, t.ratingsN, t.ratingsSum, t.ratingsSumSq),
    foreignKey({ columns: [t.orgId, t.formVersionId], foreignColumns: [surveyFormVersions.orgId, surveyFormVersions.id] }),
  ],
);

export const SUGGESTION_TAGS = ['problem', 'suggestion', 'compliment'] as const;
export type SuggestionTag = (typeof SUGGESTION_TAGS)[number];

/**
 * An open suggestion (ข้อเสนอแนะ) left with a response, tagged by staff, and the executive's
 * response and the action taken recorded against it.
 */
export const surveySuggestions = pgTable(
  'survey_suggestions',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    responseId: integer('response_id').notNull(),
    divisionId: integer('division_id'),
    submittedAt: timestampColumn('submitted_at').notNull(),
    text: text('text').notNull(),
    tag: text('tag').$type<SuggestionTag>(),
    executiveResponse: text('executive_response'),
    actionTaken: text('action_taken'),
    respondedBy: integer('responded_by'),
    respondedAt: timestampColumn('responded_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('survey_suggestions_response').on(t.orgId, t.responseId),
    index('survey_suggestions_division_time').on(t.orgId, t.divisionId, t.submittedAt),
    index('survey_suggestions_waiting').on(t.orgId, t.submittedAt).where(sql`responded_at IS NULL`),
    foreignKey({ columns: [t.orgId, t.responseId], foreignColumns: [surveyResponses.orgId, surveyResponses.id] }).onDelete('cascade'),
  ],
);
