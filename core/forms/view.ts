/**
 * The forms as a screen asks them (KioskApi `formView`, `formCheck`): each field's kind (which
 * keyboard, which choices), its limits, the catalogue's figures the form rests on with the year
 * they hold for, and a form checked as far as it is filled in — with the registry's schema, the
 * very one the core seals with and the hub opens with. Nothing here decides what a form takes:
 * the kinds describe the schema's fields, and a test checks every form's fields have one.
 * Environment-free.
 */
import { INCOME_BANDS } from '../contract/lists.js';
import type { FieldKind, FormFact, FormField, FormView, Lang, ProblemView } from '../contract/kiosk-api.js';
import { OUTREACH_PLACES, SURVEY_NEEDS, COUNSELLOR_ONLY_SERVICES } from '../counsellor/forms.js';
import type { FigureDate, FormCatalogue } from './catalogue.js';
import { EMERGENCY, emergencyFee, emergencyFiguresFrom, type EmergencyFigures } from './emergency.js';
import { CAREGIVERS, FAMILIES, GRANDPARENT, grandparentFiguresFrom, type GrandparentFigures } from './grandparent.js';
import { HOSPITAL, hospitalFee, hospitalFiguresFrom, hoursBetween, type HospitalFigures } from './hospital.js';
import { PLACES } from './fields.js';
import { CALL_LANGUAGES, checkForm, formFor, PREFERRED_TIMES, type FormSpec } from './registry.js';

/** A service the kiosk takes no form for. */
export class FormViewError extends Error {
  constructor(readonly service: string) {
    super(`"${service.slice(0, 80)}" has no form on this kiosk: apply through its agency (the entry's page says where)`);
    this.name = 'FormViewError';
  }
}

type Kind = { kind: FieldKind; optional?: boolean; options?: readonly string[]; min?: number; max?: number; maxLength?: number };
const opts = (values: readonly string[]) => ({ options: values });

/** Each field's kind by name (a name means the same in every form). */
const KINDS: Record<string, Kind> = {
  name: { kind: 'text', maxLength: 40 },
  applicant_name: { kind: 'text', maxLength: 40 },
  parent_name: { kind: 'text', maxLength: 40 },
  caregiver_name: { kind: 'text', maxLength: 40 },
  phone: { kind: 'phone' },
  topic: { kind: 'longtext', maxLength: 200 },
  preferred_time: { kind: 'choice', ...opts(PREFERRED_TIMES) },
  language: { kind: 'choice', optional: true, ...opts(CALL_LANGUAGES) },
  consent: { kind: 'consent' },
  child_birth_month: { kind: 'month' },
  grandchild_birth_month: { kind: 'month' },
  district: { kind: 'choice', ...opts(PLACES) },
  hospital: { kind: 'text', maxLength: 60 },
  ward: { kind: 'text', maxLength: 30 },
  visits: { kind: 'visits' },
  income_tier: { kind: 'choice' },
  centre: { kind: 'choice' },
  slot: { kind: 'slot' },
  caregiver: { kind: 'choice', ...opts(CAREGIVERS) },
  caregiver_age: { kind: 'number', min: 14, max: 120 },
  grandchild_in_school: { kind: 'yesno' },
  twins: { kind: 'yesno' },
  children_count: { kind: 'number', min: 1, max: 20 },
  family: { kind: 'choice', ...opts(FAMILIES) },
  income_band: { kind: 'choice', ...opts(INCOME_BANDS) },
  care_hours_per_day: { kind: 'number', min: 1, max: 24 },
  visit_date: { kind: 'day' },
  place_kind: { kind: 'choice', ...opts(OUTREACH_PLACES) },
  place: { kind: 'text', maxLength: 100 },
  situation: { kind: 'longtext', maxLength: 2000 },
  services_explained: { kind: 'entries', optional: true },
  follow_up_date: { kind: 'day', optional: true },
  survey_date: { kind: 'day' },
  understood: { kind: 'scale', min: 1, max: 5 },
  helpful: { kind: 'scale', min: 1, max: 5 },
  needs: { kind: 'choices', optional: true, ...opts(SURVEY_NEEDS) },
  comment: { kind: 'longtext', optional: true, maxLength: 500 },
};

/** The names of every field a kind is known for (the tests check every form's fields are among them). */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(KINDS));

const won = (n: number, lang: Lang) => n.toLocaleString(lang === 'ko' ? 'ko-KR' : lang === 'vi' ? 'vi-VN' : lang === 'zh' ? 'zh-CN' : 'en-US');
/** The year a figure holds for, as the facts say it: "2026", or "" for an undated page (the message says so). */
const yearOf = (d: FigureDate) => ({ year: d.year ?? '', current: d.current ? 'yes' : 'no' });
/** The line after a figure: the year it holds for (2026년 기준), or that it may have changed (an older year, a passed valid_until, an undated page). */
const asOf = (d: FigureDate): FormFact =>
  d.year === null ? { key: 'forms.fact.undated', values: {} } : d.current ? { key: 'forms.fact.asOf', values: { year: d.year } } : { key: 'forms.fact.old', values: { year: d.year } };

const DAY_NAMES: Record<Lang, Record<string, string>> = {
  ko: { MO: '월', TU: '화', WE: '수', TH: '목', FR: '금', SA: '토', SU: '일' },
  en: { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' },
  vi: { MO: 'T2', TU: 'T3', WE: 'T4', TH: 'T5', FR: 'T6', SA: 'T7', SU: 'CN' },
  zh: { MO: '周一', TU: '周二', WE: '周三', TH: '周四', FR: '周五', SA: '周六', SU: '周日' },
};
const daysText = (days: readonly string[], lang: Lang) => days.map((d) => DAY_NAMES[lang][d] ?? d).join(lang === 'ko' ? '·' : ', ');

type Options = NonNullable<FormField['options']>;
/** what a catalogue-made form adds: options made from the catalogue (by field), and the figures it rests on */
interface Parts {
  options?: Record<string, Options>;
  facts: FormFact[];
}

interface Made {
  fields: FormField[];
  facts: FormFact[];
}

function hospitalParts(f: HospitalFigures, lang: Lang): Parts {
  return {
    options: {
      income_tier: [{ value: 'not_sure' }, ...f.tiers.map((t) => ({ value: t.id, label: { text: `${t.label} — ${won(t.perHour, lang)}원/h (${t.share}%)`, lang: 'ko' as const } }))],
    },
    facts: [
      { key: 'forms.fact.hospital.hours', values: { days: daysText(f.days, lang), opens: f.opens, closes: f.closes, min: f.minHours, max: f.maxHours, year: f.yearHours } },
      { key: 'forms.fact.hospital.rate', values: { rate: won(f.rate, lang) } },
      asOf(f.dated),
    ],
  };
}

function emergencyParts(f: EmergencyFigures, lang: Lang): Parts {
  return {
    options: {
      centre: f.centres.map((c) => ({
        value: c.id,
        label: { text: c.name, lang: 'ko' as const },
        open: c.schedules.map((s) => ({ byday: [...s.byday], opensAt: s.opens_at, closesAt: s.closes_at, overnight: s.overnight })),
      })),
    },
    facts: [
      { key: 'forms.fact.emergency.fee', values: { rate: won(f.perHour, lang) } },
      asOf(f.dated),
      ...f.centres.map((c) => ({
        key: 'forms.fact.emergency.week',
        values: { centre: c.name, hours: c.schedules.map((s) => `${daysText(s.byday, lang)} ${s.opens_at}–${s.closes_at}`).join(' / ') },
      })),
    ],
  };
}

function grandparentParts(f: GrandparentFigures, lang: Lang): Parts {
  return {
    facts: [{ key: 'forms.fact.grandparent.amount', values: { monthly: won(f.monthly, lang), hours: f.hoursPerDay } }, asOf(f.dated)],
  };
}

function made(spec: FormSpec, c: FormCatalogue | undefined, today: string, lang: Lang): Made {
  let parts: Parts = { facts: [] };
  if (c && spec.service === HOSPITAL) parts = hospitalParts(hospitalFiguresFrom(c, today), lang);
  if (c && spec.service === EMERGENCY) parts = emergencyParts(emergencyFiguresFrom(c), lang);
  if (c && spec.service === GRANDPARENT) parts = grandparentParts(grandparentFiguresFrom(c, today), lang);
  const fields = spec.fields.map(({ name }): FormField => {
    const k = KINDS[name];
    if (!k) throw new Error(`form ${spec.service}: field "${name}" has no kind in core/forms/view.ts`);
    const fromCatalogue = parts.options?.[name];
    return {
      name,
      kind: k.kind,
      optional: k.optional ?? false,
      ...(fromCatalogue ? { options: fromCatalogue } : k.options ? { options: k.options.map((value) => ({ value })) } : {}),
      ...(k.min !== undefined ? { min: k.min } : {}),
      ...(k.max !== undefined ? { max: k.max } : {}),
      ...(k.maxLength !== undefined ? { maxLength: k.maxLength } : {}),
    };
  });
  return { fields, facts: parts.facts };
}

export interface ViewOptions {
  catalogue: FormCatalogue;
  today: string;
  lang?: Lang;
}

function specOf(service: string, o: ViewOptions): FormSpec {
  const spec = formFor(service, { catalogue: o.catalogue, today: o.today });
  if (!spec) throw new FormViewError(service);
  return spec;
}

/** A service's form as the screen asks it (throws FormViewError for a service without one, CatalogueFigureError when the catalogue no longer states a figure it needs). */
export function formView(service: string, o: ViewOptions): FormView {
  const spec = specOf(service, o);
  const { fields, facts } = made(spec, o.catalogue, o.today, o.lang ?? 'ko');
  const entry = o.catalogue.entry(service);
  return {
    service,
    submitted: spec.submitted ?? 'received',
    counsellorOnly: COUNSELLOR_ONLY_SERVICES.has(service),
    consentVersion: spec.consentVersion,
    // consent first: the consent screen comes before any personal data
    fields: [...fields.filter((f) => f.kind === 'consent'), ...fields.filter((f) => f.kind !== 'consent')],
    facts,
    entryId: entry ? entry.id : null,
  };
}

const isSlot = (v: unknown): v is { date: string; start: string; end: string } =>
  typeof v === 'object' && v !== null && ['date', 'start', 'end'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string');

/** What a form comes to, once the fields it needs are right: the fee of the visits or the slot, the allowance a month. */
function estimateOf(service: string, form: Record<string, unknown>, o: ViewOptions, wrong: Set<string>): FormFact | null {
  const lang = o.lang ?? 'ko';
  if (service === HOSPITAL && Array.isArray(form.visits) && form.visits.length && !wrong.has('visits') && form.visits.every(isSlot)) {
    const f = hospitalFiguresFrom(o.catalogue, o.today);
    const hours = form.visits.reduce((s: number, v) => s + Math.max(0, hoursBetween(v.start, v.end)), 0);
    const tier = typeof form.income_tier === 'string' && !wrong.has('income_tier') ? form.income_tier : null;
    const fee = hospitalFee(f, hours, tier);
    return {
      key: fee.family.min === fee.family.max ? 'forms.estimate.hospital' : 'forms.estimate.hospitalRange',
      values: { hours, full: won(fee.full, lang), min: won(fee.family.min, lang), max: won(fee.family.max, lang), ...yearOf(fee.dated) },
    };
  }
  if (service === EMERGENCY && isSlot(form.slot) && !wrong.has('slot')) {
    const fee = emergencyFee(emergencyFiguresFrom(o.catalogue), form.slot);
    if (!(fee.hours > 0)) return null;
    return { key: 'forms.estimate.emergency', values: { hours: fee.hours, total: won(fee.total, lang), rate: won(fee.perHour, lang), ...yearOf(fee.dated) } };
  }
  if (service === GRANDPARENT) {
    const f = grandparentFiguresFrom(o.catalogue, o.today);
    return { key: 'forms.estimate.grandparent', values: { monthly: won(f.monthly, lang), hours: f.hoursPerDay, ...yearOf(f.dated) } };
  }
  return null;
}

/**
 * Checks a form as far as it is filled in: every problem (or only those of the fields in `only`),
 * with the registry's schema, and what it comes to. `ok`: the whole form would be taken as it is.
 */
export function formCheckView(service: string, form: Record<string, unknown>, o: ViewOptions & { only?: string[] }): { ok: boolean; problems: ProblemView[]; estimate: FormFact | null } {
  const spec = specOf(service, o);
  const r = checkForm(spec, form);
  const all = r.ok ? [] : r.problems;
  const only = o.only ? new Set(o.only) : null;
  const problems = only ? all.filter((p) => only.has(p.field)) : all;
  const wrong = new Set(all.map((p) => p.field));
  // no money is promised while an answer given already misses a condition of the service
  const missed = all.some((p) => p.code === 'not_eligible');
  return {
    ok: r.ok,
    problems: problems.map((p) => ({ field: p.field, code: p.code, key: p.key, ...(p.values ? { values: wordsIn(p.values, o.lang ?? 'ko') } : {}) })),
    estimate: missed ? null : estimateOf(service, form, o, wrong),
  };
}

/** A problem's values for the reader: the rule's words (fields.ts ruleWords) in the reader's language as `rule`, the others dropped. */
function wordsIn(values: Record<string, string | number>, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) if (!/^rule_/.test(k)) out[k] = v;
  const mine = values[`rule_${lang}`];
  if (mine !== undefined) out.rule = mine;
  return out;
}
