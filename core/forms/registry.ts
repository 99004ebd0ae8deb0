/**
 * Application forms as data: one zod schema per service (the `service` of an application).
 * Environment-free: the core validates every submitted application with it, the hub's intake
 * checks every opened application with it (on the application's own day), and the UI's form
 * screens can check a field as it is typed with the very same rules.
 *
 * The callback form is fixed; the service forms (입원아동 돌봄, 긴급아이돌봄 예약, 손자녀가족돌보미)
 * are made from the catalogue's entries (core/forms/catalogue.ts): their rules, ages, districts,
 * schedules and figures are the catalogue's, never written here.
 *
 * A form's problems come back per field, each with a stable code (`required`, `invalid`,
 * `too_long`, `out_of_range`, `not_eligible`, `too_many`, `unknown`) and the i18next key of its
 * message (`forms.error.<field>.<code>`, in ko, en, vi and zh) — never with what was typed.
 */
import * as z from 'zod';
import { OUTREACH_SURVEY, OUTREACH_VISIT } from '../counsellor/forms.js';
import type { FieldCode, FieldProblem, FormSpec } from './spec.js';

export type { FieldCode, FieldProblem, FormSpec };
import { CatalogueFigureError, type FormCatalogue } from './catalogue.js';
import { absent, consent, phone, text, validFields } from './fields.js';
import { EMERGENCY, emergencyExample, emergencyFiguresFrom, emergencyRules, emergencySchema } from './emergency.js';
import { GRANDPARENT, grandparentExample, grandparentFiguresFrom, grandparentRules, grandparentSchema } from './grandparent.js';
import { HOSPITAL, hospitalExample, hospitalFiguresFrom, hospitalRules, hospitalSchema } from './hospital.js';

const CODES: readonly FieldCode[] = ['required', 'invalid', 'too_long', 'out_of_range', 'not_eligible', 'too_many'];



/** When a counsellor may call back. */
export const PREFERRED_TIMES = ['weekday_morning', 'weekday_afternoon', 'weekday_evening', 'any'] as const;
export type PreferredTime = (typeof PREFERRED_TIMES)[number];
/** The language a family would like to be called back in (the screen's language, chosen for them; they may change it). */
export const CALL_LANGUAGES = ['ko', 'en', 'vi', 'zh'] as const;

export const ConsultationCallback = z
  .object({
    name: text(40),
    phone,
    topic: text(200),
    preferred_time: z.enum(PREFERRED_TIMES, { error: (iss) => (absent(iss.input) ? 'required' : 'invalid') }),
    /** the language to call back in (optional: a kiosk from before it was asked sends none, and the counsellor calls in Korean) */
    language: z.enum(CALL_LANGUAGES, { error: () => 'invalid' }).optional(),
    /** the person agreed to the consent text (its version is recorded with the application) */
    consent,
  })
  .strict();
export type ConsultationCallback = z.infer<typeof ConsultationCallback>;

const CALLBACK_EXAMPLE = { name: '김순자', phone: '010-1234-5678', topic: '손자녀 돌보미 신청 방법', preferred_time: 'weekday_morning', consent: true };

/** Every form, by service id: the callback form as it is; the others are made from the catalogue (formFor). */
export const FORMS = {
  'consultation-callback': {
    service: 'consultation-callback',
    fields: [
      { name: 'name', codes: ['required', 'invalid', 'too_long'] },
      { name: 'phone', codes: ['required', 'invalid'] },
      { name: 'topic', codes: ['required', 'invalid', 'too_long'] },
      { name: 'preferred_time', codes: ['required', 'invalid'] },
      { name: 'language', codes: ['invalid'] },
      { name: 'consent', codes: ['required'] },
    ],
    schema: ConsultationCallback,
    consentVersion: 'consultation-callback/consent-v1',
    submitted: 'received',
    example: CALLBACK_EXAMPLE,
  },
  // a signed-in counsellor's (core/counsellor/forms.ts): the outbox refuses them outside the counsellor mode
  'outreach-visit': OUTREACH_VISIT,
  'outreach-survey': OUTREACH_SURVEY,
} as const satisfies Record<string, FormSpec>;

const NAME = ['required', 'invalid', 'too_long'] as const;
const PICK = ['required', 'invalid'] as const;
const BIRTH = ['required', 'invalid', 'out_of_range', 'not_eligible'] as const;
const PLACE = ['required', 'invalid', 'not_eligible'] as const;

/** The forms made from the catalogue: their fields, how the schema and an example are made from the catalogue's entries on a day. */
const CATALOGUE_FORMS: Record<string, { fields: FormSpec['fields']; consentVersion: string; submitted: 'received' | 'requested'; build: (c: FormCatalogue, today: string) => { schema: z.ZodType; example: Record<string, unknown>; rules: NonNullable<FormSpec['rules']> } }> = {
  [HOSPITAL]: {
    fields: [
      { name: 'applicant_name', codes: NAME },
      { name: 'phone', codes: PICK },
      { name: 'child_birth_month', codes: BIRTH },
      { name: 'district', codes: PLACE },
      { name: 'hospital', codes: NAME },
      { name: 'ward', codes: NAME },
      { name: 'visits', codes: ['required', 'invalid', 'out_of_range', 'too_many'] },
      { name: 'income_tier', codes: PICK },
      { name: 'consent', codes: ['required'] },
    ],
    consentVersion: `${HOSPITAL}/consent-v1`,
    submitted: 'received',
    build: (c, today) => {
      const f = hospitalFiguresFrom(c, today);
      return { schema: hospitalSchema(f, today), example: hospitalExample(f, today), rules: hospitalRules(f, today) };
    },
  },
  [EMERGENCY]: {
    fields: [
      { name: 'parent_name', codes: NAME },
      { name: 'phone', codes: PICK },
      { name: 'child_birth_month', codes: BIRTH },
      { name: 'district', codes: PLACE },
      { name: 'centre', codes: PICK },
      { name: 'slot', codes: ['required', 'invalid', 'out_of_range'] },
      { name: 'consent', codes: ['required'] },
    ],
    consentVersion: `${EMERGENCY}/consent-v1`,
    submitted: 'requested',
    build: (c, today) => {
      const f = emergencyFiguresFrom(c);
      return { schema: emergencySchema(f, today), example: emergencyExample(f, today), rules: emergencyRules(f, today) };
    },
  },
  [GRANDPARENT]: {
    fields: [
      { name: 'caregiver_name', codes: NAME },
      { name: 'phone', codes: PICK },
      { name: 'caregiver', codes: PICK },
      { name: 'caregiver_age', codes: ['required', 'invalid', 'out_of_range', 'not_eligible'] },
      { name: 'grandchild_birth_month', codes: BIRTH },
      { name: 'grandchild_in_school', codes: ['required', 'invalid', 'not_eligible'] },
      { name: 'twins', codes: PICK },
      { name: 'children_count', codes: ['required', 'invalid', 'out_of_range', 'not_eligible'] },
      { name: 'family', codes: ['required', 'invalid', 'not_eligible'] },
      { name: 'income_band', codes: ['required', 'invalid', 'not_eligible'] },
      { name: 'district', codes: PLACE },
      { name: 'care_hours_per_day', codes: ['required', 'invalid', 'out_of_range', 'not_eligible'] },
      { name: 'consent', codes: ['required'] },
    ],
    consentVersion: `${GRANDPARENT}/consent-v1`,
    submitted: 'received',
    build: (c, today) => {
      const f = grandparentFiguresFrom(c, today);
      return { schema: grandparentSchema(f, today), example: grandparentExample(f, today), rules: grandparentRules(f, today) };
    },
  },
};

export type ServiceId = keyof typeof FORMS | typeof HOSPITAL | typeof EMERGENCY | typeof GRANDPARENT;
export const SERVICE_IDS = [...Object.keys(FORMS), ...Object.keys(CATALOGUE_FORMS)] as ServiceId[];

/** How a service's application stands once at the hub, without making its form: 'requested' (the centre confirms it: a reservation), 'received', or undefined for a service without a form. */
export function submittedAs(service: string): 'received' | 'requested' | undefined {
  if (Object.hasOwn(FORMS, service)) return (FORMS as Record<string, FormSpec>)[service]!.submitted;
  return Object.hasOwn(CATALOGUE_FORMS, service) ? CATALOGUE_FORMS[service]!.submitted : undefined;
}

export interface FormOptions {
  /** the catalogue in use, whose entries give the service forms their rules and figures (the device's catalogue; at the hub, the newest published one) */
  catalogue?: FormCatalogue;
  /** the day the form is judged on, YYYY-MM-DD (default today, UTC): the device's submit day, or at the hub the application's created_at */
  today?: string;
}

/** Forms made from each catalogue (a replaced catalogue is a new object: its forms are made again), by service and day. */
const built = new WeakMap<FormCatalogue, Map<string, FormSpec>>();

/**
 * The form of a service; undefined for a service without a form. A service form is made from
 * `catalogue`'s current entry on `today` — the catalogue in use, never a copy: a catalogue the
 * hub publishes changes the rules of the forms at the next sync. Throws CatalogueFigureError when
 * no catalogue is given for such a form, or when it no longer states a figure the form needs.
 */
export function formFor(service: string, o: FormOptions = {}): FormSpec | undefined {
  if (Object.hasOwn(FORMS, service)) return (FORMS as Record<string, FormSpec>)[service];
  if (!Object.hasOwn(CATALOGUE_FORMS, service)) return undefined;
  const catalogue = o.catalogue;
  if (!catalogue) throw new CatalogueFigureError(service, '(catalogue)', 'the form is made from the catalogue in use, and none was given');
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  let mine = built.get(catalogue);
  if (!mine) built.set(catalogue, (mine = new Map()));
  const cacheKey = `${service} ${today}`;
  const cached = mine.get(cacheKey);
  if (cached) return cached;
  const def = CATALOGUE_FORMS[service]!;
  const { schema, example, rules } = def.build(catalogue, today);
  const spec: FormSpec = { service, fields: def.fields, schema, consentVersion: def.consentVersion, submitted: def.submitted, example, rules };
  if (mine.size > 64) mine.clear();
  mine.set(cacheKey, spec);
  return spec;
}

export const problemKey = (field: string, code: FieldCode): string => (code === 'unknown' ? 'forms.error.unknown' : `forms.error.${field}.${code}`);

export type FormCheck = { ok: true; form: Record<string, unknown>; consentVersion: string } | { ok: false; problems: FieldProblem[] };

/** Validates a form for a service: the form as stored (trimmed, the phone normalized), or every field's problem in the form's order. */
export function checkForm(spec: FormSpec, input: unknown): FormCheck {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, problems: spec.fields.map(({ name }) => ({ field: name, code: 'required' as const, key: problemKey(name, 'required') })) };
  const r = spec.schema.safeParse(input);
  if (r.success) return { ok: true, form: r.data as Record<string, unknown>, consentVersion: spec.consentVersion };
  const byField = new Map<string, FieldProblem>();
  const codeOf = (field: string, message: string): FieldCode => {
    const allowed = spec.fields.find((f) => f.name === field)?.codes ?? [];
    const said = (CODES as readonly string[]).includes(message) ? (message as Exclude<FieldCode, 'unknown'>) : 'invalid';
    // a problem the field has no message for (a number for consent) is said with the field's first message
    return allowed.includes(said) ? said : (allowed[0] ?? 'invalid');
  };
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const k of issue.keys) if (!byField.has(k)) byField.set(k, { field: k, code: 'unknown', key: problemKey(k, 'unknown') });
      continue;
    }
    const field = String(issue.path[0] ?? '');
    const code = codeOf(field, issue.message);
    const values = issue.code === 'custom' && code === issue.message ? (issue.params as FieldProblem['values']) : undefined;
    if (field && !byField.has(field)) byField.set(field, { field, code, key: problemKey(field, code), ...(values ? { values } : {}) });
  }
  // a form not whole yet (the schema weighs its rules only on a whole form): the rules on the answers that are right so far
  if (spec.rules) {
    spec.rules(validFields(spec.schema, input as Record<string, unknown>), (field, said, values) => {
      if (byField.has(field)) return;
      const code = codeOf(field, said);
      byField.set(field, { field, code, key: problemKey(field, code), ...(values && code === said ? { values } : {}) });
    });
  }
  const names = spec.fields.map((f) => f.name);
  // a field the form does not have (a 주민등록번호 slipped in) first: the form came from something else, and the hub's refusal names it
  const order = (f: string) => (names.includes(f) ? names.indexOf(f) : -1);
  return { ok: false, problems: [...byField.values()].sort((a, b) => order(a.field) - order(b.field)) };
}

/** Every message key a form can answer with (the locales must hold each). */
export function messageKeys(spec: FormSpec): string[] {
  return ['forms.error.unknown', ...spec.fields.flatMap((f) => f.codes.map((c) => problemKey(f.name, c)))];
}
