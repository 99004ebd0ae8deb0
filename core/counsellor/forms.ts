/**
 * The counsellor's two outreach forms, as data in the shape of core/forms/registry.ts's FORMS
 * (FormSpec): submitted through the outbox (sealed at once for the hub) by a signed-in
 * counsellor only. Environment-free, like the registry: the UI can check a field as it is
 * typed with the same rules.
 *
 *   outreach-visit   the visit log: the date, the place, the family's situation in the
 *                    counsellor's words, the catalogue entries explained (ids; the core checks
 *                    each is in the catalogue in use), a follow-up date on or after the visit
 *   outreach-survey  the family's answers after a visit: anonymous by design (no name, no
 *                    phone): how well they understood, how helpful it was, what they still need,
 *                    an optional comment
 *
 * Each problem is `required`, `invalid` or `too_long` with the i18next key
 * `forms.error.<field>.<code>` (messageKeys(spec) lists them), exactly as the registry's forms.
 */
import * as z from 'zod';
import type { FormSpec } from '../forms/spec.js';

const absent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const hasControl = (s: string) =>
  [...s].some((c) => {
    const n = c.charCodeAt(0);
    return (n < 32 && n !== 9 && n !== 10 && n !== 13) || n === 127;
  });
const text = (max: number) =>
  z
    .string({ error: (iss) => (absent(iss.input) ? 'required' : 'invalid') })
    .trim()
    .min(1, 'required')
    .max(max, 'too_long')
    .refine((s) => !hasControl(s), 'invalid');

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
const date = z
  .string({ error: (iss) => (absent(iss.input) ? 'required' : 'invalid') })
  .trim()
  .min(1, 'required')
  .refine(isCalendarDate, 'invalid');

/** A catalogue entry's id, as the catalogue writes them. */
export const ENTRY_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const consent = z.literal(true, { error: () => 'required' });

export const OUTREACH_PLACES = ['home', 'centre', 'phone', 'other'] as const;

export const OutreachVisit = z
  .object({
    visit_date: date,
    /** where the visit took place: home, a centre, by phone, elsewhere */
    place_kind: z.enum(OUTREACH_PLACES, { error: (iss) => (absent(iss.input) ? 'required' : 'invalid') }),
    /** the place in a few words (a centre's name, the 동): never a full address */
    place: text(100),
    /** the family's situation, in the counsellor's words */
    situation: text(2000),
    /** the catalogue entries explained, by id (none is fine: a first visit may only listen) */
    services_explained: z
      .array(z.string().regex(ENTRY_ID), { error: () => 'invalid' })
      .max(30, 'too_long')
      .refine((a) => new Set(a).size === a.length, 'invalid')
      .default([]),
    follow_up_date: date.optional(),
    /** the family agreed to the visit being recorded (its text version is sealed with it) */
    consent,
  })
  .strict()
  .refine((v) => v.follow_up_date === undefined || v.follow_up_date >= v.visit_date, { message: 'invalid', path: ['follow_up_date'] });
export type OutreachVisit = z.infer<typeof OutreachVisit>;

/** What a family may still need after a visit. */
export const SURVEY_NEEDS = ['childcare', 'health', 'money', 'housing', 'education', 'counselling', 'other'] as const;
const scale = z.number({ error: (iss) => (absent(iss.input) ? 'required' : 'invalid') }).int('invalid').min(1, 'invalid').max(5, 'invalid');

export const OutreachSurvey = z
  .object({
    survey_date: date,
    /** 1–5: how well the family understood the services explained */
    understood: scale,
    /** 1–5: how helpful the visit was */
    helpful: scale,
    needs: z
      .array(z.enum(SURVEY_NEEDS), { error: () => 'invalid' })
      .max(SURVEY_NEEDS.length, 'invalid')
      .refine((a) => new Set(a).size === a.length, 'invalid')
      .default([]),
    comment: text(500).optional(),
    consent,
  })
  .strict();
export type OutreachSurvey = z.infer<typeof OutreachSurvey>;

/** A form spec with its example (the registry's FormSpec has `example` too). */
export type OutreachSpec<S extends z.ZodType> = FormSpec<S> & { example: Record<string, unknown> };

export const OUTREACH_VISIT: OutreachSpec<typeof OutreachVisit> = {
  service: 'outreach-visit',
  fields: [
    { name: 'visit_date', codes: ['required', 'invalid'] },
    { name: 'place_kind', codes: ['required', 'invalid'] },
    { name: 'place', codes: ['required', 'invalid', 'too_long'] },
    { name: 'situation', codes: ['required', 'invalid', 'too_long'] },
    { name: 'services_explained', codes: ['invalid', 'too_long'] },
    { name: 'follow_up_date', codes: ['invalid'] },
    { name: 'consent', codes: ['required'] },
  ],
  schema: OutreachVisit,
  consentVersion: 'outreach-visit/consent-v2', // v2: refusing means no record; drafts locked with the PIN (v1 said the application wording)
  submitted: 'received',
  example: {
    visit_date: '2026-12-01',
    place_kind: 'home',
    place: '북구 용봉동',
    situation: '맞벌이 가정, 18개월 아이 돌봄 공백. 조부모가 주 3회 돌봄.',
    services_explained: ['gj-grandparent-caregiver'],
    follow_up_date: '2026-12-15',
    consent: true,
  },
};

export const OUTREACH_SURVEY: OutreachSpec<typeof OutreachSurvey> = {
  service: 'outreach-survey',
  fields: [
    { name: 'survey_date', codes: ['required', 'invalid'] },
    { name: 'understood', codes: ['required', 'invalid'] },
    { name: 'helpful', codes: ['required', 'invalid'] },
    { name: 'needs', codes: ['invalid'] },
    { name: 'comment', codes: ['invalid', 'too_long'] },
    { name: 'consent', codes: ['required'] },
  ],
  schema: OutreachSurvey,
  consentVersion: 'outreach-survey/consent-v2',
  submitted: 'received',
  example: { survey_date: '2026-12-01', understood: 4, helpful: 5, needs: ['childcare'], consent: true },
};

/** Both, for core/forms/registry.ts's FORMS (by service id) and the outbox. */
export const OUTREACH_FORMS = [OUTREACH_VISIT, OUTREACH_SURVEY] as const;

/** Services only a signed-in counsellor submits (a kiosk's visitor cannot). */
export const COUNSELLOR_ONLY_SERVICES: ReadonlySet<string> = new Set(OUTREACH_FORMS.map((f) => f.service));
