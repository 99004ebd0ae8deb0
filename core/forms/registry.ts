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
import { z } from 'zod';
import { catalogueOf, type FormCatalogue } from './catalogue.js';
import SNAPSHOT from './catalogue-snapshot.json' with { type: 'json' };
import type { Entry } from '../../db/catalogue/schema.js';
import { absent, consent, phone, text } from './fields.js';
import { EMERGENCY, emergencyExample, emergencyFiguresFrom, emergencySchema } from './emergency.js';
import { GRANDPARENT, grandparentExample, grandparentFiguresFrom, grandparentSchema } from './grandparent.js';
import { HOSPITAL, hospitalExample, hospitalFiguresFrom, hospitalSchema } from './hospital.js';

export type FieldCode = 'required' | 'invalid' | 'too_long' | 'out_of_range' | 'not_eligible' | 'too_many' | 'unknown';
const CODES: readonly FieldCode[] = ['required', 'invalid', 'too_long', 'out_of_range', 'not_eligible', 'too_many'];

export interface FieldProblem {
  /** the form's field (`phone`), or the name of a field the form does not have */
  field: string;
  code: FieldCode;
  /** the i18next key of the message that says what to do */
  key: string;
  /** the figures the message names (i18next interpolation: the hours a visit, the centre), from the catalogue — never what was typed */
  values?: Record<string, string | number>;
}

export interface FormSpec<S extends z.ZodType = z.ZodType> {
  /** the service id the form applies for (an application's `service`) */
  service: string;
  /** the form's fields, in the order a screen shows them, each with the problems it can have (a message for each in every locale) */
  fields: readonly { name: string; codes: readonly Exclude<FieldCode, 'unknown'>[] }[];
  schema: S;
  /**
   * The version of the consent text the person agreed to (SECURITY.md "Personal data": one
   * consent per application, recorded with its text version). Sealed with the application.
   */
  consentVersion: string;
  /** what a person is told once it is submitted: `received`, or `requested` — a reservation the centre confirms (i18next `forms.state.<state>`) */
  submitted?: 'received' | 'requested';
  /** a form this schema takes (the JSON Schema's `examples`) */
  example?: Record<string, unknown>;
}

/** When a counsellor may call back. */
export const PREFERRED_TIMES = ['weekday_morning', 'weekday_afternoon', 'weekday_evening', 'any'] as const;
export type PreferredTime = (typeof PREFERRED_TIMES)[number];

export const ConsultationCallback = z
  .object({
    name: text(40),
    phone,
    topic: text(200),
    preferred_time: z.enum(PREFERRED_TIMES, { error: (iss) => (absent(iss.input) ? 'required' : 'invalid') }),
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
      { name: 'consent', codes: ['required'] },
    ],
    schema: ConsultationCallback,
    consentVersion: 'consultation-callback/consent-v1',
    submitted: 'received',
    example: CALLBACK_EXAMPLE,
  },
} as const satisfies Record<string, FormSpec>;

const NAME = ['required', 'invalid', 'too_long'] as const;
const PICK = ['required', 'invalid'] as const;
const BIRTH = ['required', 'invalid', 'out_of_range', 'not_eligible'] as const;
const PLACE = ['required', 'invalid', 'not_eligible'] as const;

/** The forms made from the catalogue: their fields, how the schema and an example are made from the catalogue's entries on a day. */
const CATALOGUE_FORMS: Record<string, { fields: FormSpec['fields']; consentVersion: string; submitted: 'received' | 'requested'; build: (c: FormCatalogue, today: string) => { schema: z.ZodType; example: Record<string, unknown> } }> = {
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
      return { schema: hospitalSchema(f, today), example: hospitalExample(f, today) };
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
      return { schema: emergencySchema(f, today), example: emergencyExample(f, today) };
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
      return { schema: grandparentSchema(f, today), example: grandparentExample(f, today) };
    },
  },
};

export type ServiceId = keyof typeof FORMS | typeof HOSPITAL | typeof EMERGENCY | typeof GRANDPARENT;
export const SERVICE_IDS = [...Object.keys(FORMS), ...Object.keys(CATALOGUE_FORMS)] as ServiceId[];

/** The catalogue the forms carry (core/forms/catalogue-snapshot.json, made from db/catalogue/entries by core/forms/snapshot.cli.ts). */
export const SNAPSHOT_CATALOGUE: FormCatalogue = catalogueOf(SNAPSHOT as unknown as Entry[]);

export interface FormOptions {
  /** the catalogue whose entries give the rules and figures (default: the snapshot the forms carry) */
  catalogue?: FormCatalogue;
  /** the day the form is judged on, YYYY-MM-DD (default today, UTC): the device's submit day, or at the hub the application's created_at */
  today?: string;
}

const built = new Map<string, FormSpec>();

/** The form of a service, made from the catalogue's current entry on `today`; undefined for a service without a form. Throws CatalogueFigureError when the catalogue no longer states a figure the form needs. */
export function formFor(service: string, o: FormOptions = {}): FormSpec | undefined {
  if (Object.hasOwn(FORMS, service)) return (FORMS as Record<string, FormSpec>)[service];
  if (!Object.hasOwn(CATALOGUE_FORMS, service)) return undefined;
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const catalogue = o.catalogue ?? SNAPSHOT_CATALOGUE;
  const cacheKey = `${service} ${today}`;
  if (catalogue === SNAPSHOT_CATALOGUE && built.has(cacheKey)) return built.get(cacheKey);
  const def = CATALOGUE_FORMS[service]!;
  const { schema, example } = def.build(catalogue, today);
  const spec: FormSpec = { service, fields: def.fields, schema, consentVersion: def.consentVersion, submitted: def.submitted, example };
  if (catalogue === SNAPSHOT_CATALOGUE) {
    if (built.size > 64) built.clear();
    built.set(cacheKey, spec);
  }
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
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const k of issue.keys) if (!byField.has(k)) byField.set(k, { field: k, code: 'unknown', key: problemKey(k, 'unknown') });
      continue;
    }
    const field = String(issue.path[0] ?? '');
    const allowed = spec.fields.find((f) => f.name === field)?.codes ?? [];
    const said = (CODES as readonly string[]).includes(issue.message) ? (issue.message as Exclude<FieldCode, 'unknown'>) : 'invalid';
    // a problem the field has no message for (a number for consent) is said with the field's first message
    const code: FieldCode = allowed.includes(said) ? said : (allowed[0] ?? 'invalid');
    const values = issue.code === 'custom' && code === said ? (issue.params as FieldProblem['values']) : undefined;
    if (field && !byField.has(field)) byField.set(field, { field, code, key: problemKey(field, code), ...(values ? { values } : {}) });
  }
  const names = spec.fields.map((f) => f.name);
  const order = (f: string) => (names.includes(f) ? names.indexOf(f) : names.length);
  return { ok: false, problems: [...byField.values()].sort((a, b) => order(a.field) - order(b.field)) };
}

/** Every message key a form can answer with (the locales must hold each). */
export function messageKeys(spec: FormSpec): string[] {
  return ['forms.error.unknown', ...spec.fields.flatMap((f) => f.codes.map((c) => problemKey(f.name, c)))];
}
