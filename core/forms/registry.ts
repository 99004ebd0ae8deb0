/**
 * Application forms as data: one zod schema per service (the `service` of an application), so
 * a new form is one more entry here (issue 14 adds the others). Environment-free: the core
 * validates every submitted application with it, and the UI's form screens can check a field
 * as it is typed with the very same rules.
 *
 * A form's problems come back per field, each with a stable code (`required`, `invalid`,
 * `too_long`, `unknown`) and the i18next key of its message (`forms.error.<field>.<code>`, in
 * ko, en, vi and zh) — never with what was typed.
 */
import { z } from 'zod';
import { normalizeKoreanPhone } from './phone.js';

export type FieldCode = 'required' | 'invalid' | 'too_long' | 'unknown';

export interface FieldProblem {
  /** the form's field (`phone`), or the name of a field the form does not have */
  field: string;
  code: FieldCode;
  /** the i18next key of the message that says what to do */
  key: string;
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
}

// Every schema below reports a problem as the message `required`, `invalid` or `too_long`.
const absent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
/** plain text: no control characters (tabs and line breaks are fine) */
const hasControl = (s: string) => [...s].some((c) => {
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

const phone = z
  .string({ error: (iss) => (absent(iss.input) ? 'required' : 'invalid') })
  .trim()
  .min(1, 'required')
  .transform((s, ctx) => {
    const n = normalizeKoreanPhone(s);
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: 'invalid' });
      return z.NEVER;
    }
    return n;
  });

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
    consent: z.literal(true, { error: () => 'required' }),
  })
  .strict();
export type ConsultationCallback = z.infer<typeof ConsultationCallback>;

/** Every form, by service id. */
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
  },
} as const satisfies Record<string, FormSpec>;

export type ServiceId = keyof typeof FORMS;
export const SERVICE_IDS = Object.keys(FORMS) as ServiceId[];

export function formFor(service: string): FormSpec | undefined {
  return Object.hasOwn(FORMS, service) ? (FORMS as Record<string, FormSpec>)[service] : undefined;
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
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) if (!byField.has(k)) byField.set(k, { field: k, code: 'unknown', key: problemKey(k, 'unknown') });
      continue;
    }
    const field = String(issue.path[0] ?? '');
    const allowed = spec.fields.find((f) => f.name === field)?.codes ?? [];
    const said = issue.message === 'required' || issue.message === 'too_long' ? issue.message : 'invalid';
    // a problem the field has no message for (a number for consent) is said with the field's first message
    const code: FieldCode = allowed.includes(said) ? said : (allowed[0] ?? 'invalid');
    if (field && !byField.has(field)) byField.set(field, { field, code, key: problemKey(field, code) });
  }
  const names = spec.fields.map((f) => f.name);
  const order = (f: string) => (names.includes(f) ? names.indexOf(f) : names.length);
  return { ok: false, problems: [...byField.values()].sort((a, b) => order(a.field) - order(b.field)) };
}

/** Every message key a form can answer with (the locales must hold each). */
export function messageKeys(spec: FormSpec): string[] {
  return ['forms.error.unknown', ...spec.fields.flatMap((f) => f.codes.map((c) => problemKey(f.name, c)))];
}
