/**
 * The catalogue source schema: one definition, used by the compiler (YAML → SQLite),
 * by the store (types of rows read back) and, through core/contract, by the UI.
 *
 * Shaped after Open Referral HSDS 3.x (organization, service, location,
 * service_at_location, schedule, phone, eligibility) plus what this product needs:
 * life stage, category, plain-language summary, amount with the year it holds for,
 * how to apply, documents, sources and the date the facts were last verified.
 */
import * as z from 'zod';
import { DISTRICTS, FACT_NAMES, FOR_GROUPS, INCOME_BANDS, isDateFact, isDistrict, isNumericFact, isYesNoFact, LANGS, ROLES, STAGE_IDS, STAGES, type FactName, type StageId } from '../../core/contract/lists.js';
import { Situation } from '../../core/contract/situation.js';

// The fixed lists and the situation a rule is tested on are the contract's (one definition each).
export { DISTRICTS, FACT_NAMES, INCOME_BANDS, LANGS, ROLES, STAGE_IDS, STAGES, Situation };
export type { District, FactName, Lang, StageId } from '../../core/contract/lists.js';

/** Categories, in citizens' words (Korean label is the canonical display name). */
export const CATEGORIES = {
  'birth-support': '출산 지원',
  allowance: '수당·바우처',
  medical: '건강·의료',
  care: '돌봄 서비스',
  daycare: '어린이집·유치원',
  'after-school': '방과후 돌봄',
  play: '놀이·체험',
  'parenting-info': '육아 정보·나눔',
  counselling: '상담',
  discount: '할인·우대',
  'work-life': '일·생활 양립',
  youth: '청년 지원',
  community: '마을 돌봄',
} as const;
export type CategoryId = keyof typeof CATEGORIES;


const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Text in several languages: Korean is required, the others where written. */
export const LocalText = z
  .object({ ko: nonEmpty, en: nonEmpty.optional(), vi: nonEmpty.optional(), zh: nonEmpty.optional() })
  .strict();
export type LocalText = z.infer<typeof LocalText>;

export const LocalList = z
  .object({
    ko: z.array(nonEmpty).min(1),
    en: z.array(nonEmpty).optional(),
    vi: z.array(nonEmpty).optional(),
    zh: z.array(nonEmpty).optional(),
  })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'use YYYY-MM-DD (or YYYY-MM when the day is not known)');

export const Source = z
  .object({
    /** A URL, or a document reference when there is no URL (e.g. the city's 2020 plan). */
    url: z.string().url().optional(),
    document: nonEmpty.optional(),
    title: nonEmpty,
    /** Date the source was published or updated; "unknown" when it shows none. */
    date: z.union([isoDate, z.literal('unknown')]),
    type: z.enum(['official', 'semi-official', 'news', 'blog', 'mirror', 'seed-document']),
  })
  .strict()
  .refine((s) => s.url !== undefined || s.document !== undefined, { message: 'a source needs a url or a document' });

export const Phone = z
  .object({
    number: z.string().regex(/^(\d{2,4}-\d{3,4}-\d{4}|1\d{2,3}(-\d{4})?|\d{4}-\d{4})$/, 'write a Korean phone number like 062-222-1279, 1899-5912 or 123'),
    label: LocalText.optional(),
  })
  .strict();

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'use HH:MM, 24-hour');
const WEEKDAY = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);

/** HSDS schedule: a weekly rule with opens/closes so "open now" can be computed. */
export const Schedule = z
  .object({
    freq: z.literal('WEEKLY').default('WEEKLY'),
    byday: z.array(WEEKDAY).min(1),
    opens_at: hhmm,
    closes_at: hhmm,
    /** true when the span runs past midnight into the next day (e.g. 24-hour care). */
    overnight: z.boolean().default(false),
    closed_on_holidays: z.boolean().default(false),
    note: LocalText.optional(),
  })
  .strict();

const validDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const Amount = z
  .object({
    text: LocalText,
    /** The year (or span of years) the figures hold for, e.g. "2025" or "2024–2025". */
    year: z.string().regex(/^\d{4}([–-]\d{4})?$/, 'the year the figures hold for, e.g. 2025 or 2024–2025'),
    /** From when / until when the figures hold, where the source says (e.g. a top-up set for 2026 only: valid_until 2026-12-31). */
    valid_from: validDay.optional(),
    valid_until: validDay.optional(),
  })
  .strict()
  .refine((a) => !a.valid_from || !a.valid_until || a.valid_from <= a.valid_until, { message: 'valid_until is before valid_from', path: ['valid_until'] });

export const Eligibility = z
  .object({
    description: LocalText,
    /** Child's age bounds in months, when the rule states them. */
    min_age_months: z.number().int().min(0).optional(),
    max_age_months: z.number().int().min(0).optional(),
    applicant_min_age: z.number().int().min(0).optional(),
    applicant_max_age: z.number().int().min(0).optional(),
  })
  .strict();

export const Location = z
  .object({
    address: LocalText,
    district: z.enum(DISTRICTS).optional(),
    /** 행정동 name, when the source names it. */
    dong: nonEmpty.optional(),
    lat: z.number().min(33).max(39).optional(),
    lon: z.number().min(124).max(132).optional(),
    /** How exact the position is. "dong" = placed at the 행정동 centroid (approximate). */
    geo_precision: z.enum(['exact', 'dong', 'district', 'unknown']),
  })
  .strict();

/* ---------- Eligibility rules as data (OpenFisca-style: rules with test cases beside them) ---------- */


/* The facts a rule may ask about: FACT_NAMES in core/contract/lists.ts. child.* facts are checked child by child: one child must meet them all. */

const RuleLabel = LocalText.extend({ en: nonEmpty });

export type Criterion =
  | { label: LocalText; fact: FactName; min?: number; max?: number; ask_up_to?: number; on_or_after?: string; before?: string; in?: string[]; equals?: boolean; income_at_most?: (typeof INCOME_BANDS)[number] }
  | { label: LocalText; any_of: Criterion[] }
  | { label: LocalText; all_of: Criterion[] };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const Criterion: z.ZodType<Criterion> = z.lazy(() =>
  z.union([
    z
      .object({
        /** the reason shown to people, in plain words ("손주가 만 6세 이하예요") */
        label: RuleLabel,
        fact: z.enum(FACT_NAMES),
        min: z.number().optional(),
        max: z.number().optional(),
        /**
         * with max: values above max up to this one are "ask", not "no" — where the sources disagree
         * on the limit (one says a year, another two), the finder sends the family to check instead of turning it away
         */
        ask_up_to: z.number().optional(),
        /** for dates (child.born_on): on or after this day / before this day */
        on_or_after: day.optional(),
        before: day.optional(),
        in: z.array(nonEmpty).min(1).optional(),
        equals: z.boolean().optional(),
        income_at_most: z.enum(INCOME_BANDS).optional(),
      })
      .strict()
      .superRefine((c, ctx) => {
        const tests = [c.min !== undefined || c.max !== undefined, c.on_or_after !== undefined || c.before !== undefined, c.in !== undefined, c.equals !== undefined, c.income_at_most !== undefined].filter(Boolean).length;
        if (tests !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one test: min/max, on_or_after/before, in, equals or income_at_most' });
        if (c.ask_up_to !== undefined && (c.max === undefined || c.ask_up_to <= c.max)) ctx.addIssue({ code: 'custom', path: ['ask_up_to'], message: 'ask_up_to goes with max and is above it' });
        if ((c.min !== undefined || c.max !== undefined) && !isNumericFact(c.fact)) ctx.addIssue({ code: 'custom', path: ['fact'], message: `${c.fact} is not a number; use in or equals` });
        if ((c.on_or_after !== undefined || c.before !== undefined) && !isDateFact(c.fact)) ctx.addIssue({ code: 'custom', path: ['fact'], message: `${c.fact} is not a date; on_or_after/before go with child.born_on` });
        if (isDateFact(c.fact) && c.on_or_after === undefined && c.before === undefined) ctx.addIssue({ code: 'custom', path: ['fact'], message: `${c.fact} is a date; test it with on_or_after or before (YYYY-MM-DD)` });
        if (c.equals !== undefined && !isYesNoFact(c.fact)) ctx.addIssue({ code: 'custom', path: ['fact'], message: `${c.fact} is not yes/no; use in or min/max` });
        if (c.income_at_most !== undefined && c.fact !== 'household.income_band') ctx.addIssue({ code: 'custom', path: ['fact'], message: 'income_at_most goes with household.income_band' });
        if (c.in && c.fact === 'applicant.role' && c.in.some((r) => !(ROLES as readonly string[]).includes(r)))
          ctx.addIssue({ code: 'custom', path: ['in'], message: `roles are ${ROLES.join(', ')}` });
        if (c.in && c.fact === 'household.district' && c.in.some((d) => !isDistrict(d) && d !== 'outside'))
          ctx.addIssue({ code: 'custom', path: ['in'], message: `districts are ${DISTRICTS.join(', ')}` });
      }),
    z.object({ label: RuleLabel, any_of: z.array(Criterion).min(2) }).strict(),
    z.object({ label: RuleLabel, all_of: z.array(Criterion).min(2) }).strict(),
  ]),
);


/** Every fact a criterion tests (its alternatives' and parts' too). */
export const criterionFacts = (c: Criterion): string[] => ('any_of' in c ? c.any_of.flatMap(criterionFacts) : 'all_of' in c ? c.all_of.flatMap(criterionFacts) : [c.fact]);

export const RuleCase = z
  .object({ name: nonEmpty, situation: Situation, expected: z.enum(['eligible', 'not_eligible', 'unknown']) })
  .strict();

export const EligibilityRules = z.discriminatedUnion('stated', [
  z
    .object({
      stated: z.literal(true),
      /** all must be met */
      criteria: z.array(Criterion).min(1),
      /** conditions the answers cannot settle: the finder never says yes while one stands (shown as a reason to check) */
      also: LocalText.optional(),
      /**
       * an answer that settles `also` when it is met (아이돌봄서비스's care gap: "부모가 일하거나 아파서"
       * — a dual-earner family has it); not met, `also` is still a question, never a no. Household
       * facts only (the answers about the family, not about one child).
       */
      also_met_by: Criterion.optional(),
      /** good to know, not a condition (fees, how it is given) */
      note: LocalText.optional(),
      /** from when / until when the rule holds, where the source says; after valid_until the finder says "확인이 필요해요" */
      valid_from: validDay.optional(),
      valid_until: validDay.optional(),
      /**
       * A program only for a group of families the finder does not ask about — multicultural
       * families, families with a registered disability, low-income (수급·차상위) families — as
       * its `also` says: shown labelled ("다문화가족이라면"), after the programs for anyone.
       */
      for_group: z.enum(FOR_GROUPS).optional(),
      /** programs that exclude each other: the same group id on each, and what choosing this one means ("어린이집에 다니면") */
      choice: z.object({ group: z.string().regex(/^[a-z0-9-]+$/), label: RuleLabel }).strict().optional(),
      cases: z.array(RuleCase).default([]),
      /** set by importers (e.g. "gov24 supportConditions"): rules mapped from official flags carry no hand-written cases */
      generated_from: nonEmpty.optional(),
    })
    .strict()
    .refine((r) => r.generated_from !== undefined || r.cases.length >= 2, { message: 'give at least two test cases (one that qualifies, one that does not)', path: ['cases'] })
    .refine((r) => r.also_met_by === undefined || r.also !== undefined, { message: 'also_met_by settles an `also`: give the also it settles', path: ['also_met_by'] })
    .refine((r) => r.also_met_by === undefined || !criterionFacts(r.also_met_by).some((f) => f.startsWith('child.')), { message: 'also_met_by tests household and applicant facts only, not a child’s', path: ['also_met_by'] }),
  z.object({ stated: z.literal(false), reason: LocalText }).strict(),
]);
export type EligibilityRules = z.infer<typeof EligibilityRules>;

export const KIND = z.enum(['policy', 'service', 'facility']);
export type Kind = z.infer<typeof KIND>;

export const Entry = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case kebab-case, e.g. child-care-service'),
    kind: KIND,
    scope: z.enum(['national', 'gwangju', 'district']),
    status: z.enum(['active', 'discontinued', 'planned']).default('active'),
    stages: z.array(z.enum(STAGE_IDS as [StageId, ...StageId[]])).min(1),
    category: z.enum(Object.keys(CATEGORIES) as [CategoryId, ...CategoryId[]]),
    district: z.enum(DISTRICTS).optional(),
    /** Plain-language title first (what citizens call it). en required, vi and zh at least. */
    title: LocalText.extend({ en: nonEmpty, vi: nonEmpty, zh: nonEmpty }),
    /** The official term, shown after the plain one. */
    official_title: LocalText.optional(),
    alt_names: z.array(nonEmpty).default([]),
    keywords: z.array(nonEmpty).default([]),
    summary: LocalText.extend({ en: nonEmpty }),
    who: LocalText.optional(),
    what: LocalText.optional(),
    amount: Amount.optional(),
    how_to_apply: LocalText.optional(),
    where: LocalText.optional(),
    documents: LocalList.optional(),
    online_url: z.string().url().optional(),
    phones: z.array(Phone).default([]),
    eligibility: Eligibility.optional(),
    /** Rules the "what can I get" finder evaluates; policies and services must say whether conditions are stated. */
    eligibility_rules: EligibilityRules.optional(),
    organization: z.object({ name: LocalText, url: z.string().url().optional() }).strict().optional(),
    location: Location.optional(),
    schedules: z.array(Schedule).default([]),
    /** Catalogue services offered at this facility (HSDS service_at_location). */
    services: z.array(nonEmpty).default([]),
    /**
     * Languages whose texts the team translated from the Korean plain-language text (not an
     * official translation; the Korean official title is kept in official_title and shown beside).
     */
    translated: z.array(z.enum(['en', 'vi', 'zh'])).default([]),
    /** Older figures kept as history, never mixed with the current ones. */
    history: z.array(z.object({ year: nonEmpty, text: LocalText }).strict()).default([]),
    sources: z.array(Source).min(1, 'every entry names at least one source'),
    /** Date the facts were last checked against the sources. */
    last_verified: isoDate,
    /** true when the only support is news, blogs, mirrors, or undated/older official pages. */
    verify_before_use: z.boolean(),
    /**
     * Remarks about the sources, for people (shown only in the page's and the sheet's 출처 section,
     * never read aloud): "2020년 안내예요", "전화번호는 대구 센터 안내에 나온 번호예요", "… 출처에서
     * 찾지 못했어요". The plain fields above say what the service is; caveats about where that
     * came from belong here (db/catalogue/content.test.ts holds the plain fields to it).
     */
    source_notes: LocalText.optional(),
    /** The team's editorial notes (why a field is left out, what was excluded): never shown to people. */
    notes: nonEmpty.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.kind === 'facility' && !e.location) ctx.addIssue({ code: 'custom', path: ['location'], message: 'a facility needs a location' });
    if (e.scope === 'district' && !e.district && !e.location?.district)
      ctx.addIssue({ code: 'custom', path: ['district'], message: 'a district-scope entry names its district' });
    const el = e.eligibility;
    if (el?.min_age_months !== undefined && el.max_age_months !== undefined && el.min_age_months > el.max_age_months)
      ctx.addIssue({ code: 'custom', path: ['eligibility', 'max_age_months'], message: 'max_age_months is below min_age_months' });
    const loc = e.location;
    if (loc && (loc.lat === undefined) !== (loc.lon === undefined))
      ctx.addIssue({ code: 'custom', path: ['location'], message: 'give both lat and lon, or neither' });
    if (loc && loc.geo_precision === 'exact' && loc.lat === undefined)
      ctx.addIssue({ code: 'custom', path: ['location', 'geo_precision'], message: '"exact" needs lat and lon from a source' });
  });
export type Entry = z.infer<typeof Entry>;

export const Faq = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case kebab-case'),
    question: LocalText.extend({ en: nonEmpty }),
    answer: LocalText.extend({ en: nonEmpty }),
    related: z.array(nonEmpty).default([]),
    sources: z.array(Source).min(1),
    last_verified: isoDate,
  })
  .strict();
export type Faq = z.infer<typeof Faq>;

/* ---------- The public-holiday calendar (관공서의 공휴일: 대체공휴일, election days, temporary holidays) ---------- */

/** A real calendar day, YYYY-MM-DD (2026-02-30 is refused). */
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((d) => {
    // (checked only once the form is right: the regex above names a wrong form)
    const t = new Date(`${d}T00:00:00Z`);
    return !/^\d{4}-\d{2}-\d{2}$/.test(d) || (!Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d);
  }, { message: 'is not a day of the calendar' });

/** Where a holiday is written: the page, who published it, when, and when the team read it. */
export const HolidaySource = z
  .object({
    url: z.string().url(),
    title: nonEmpty,
    publisher: nonEmpty,
    /** the day the page was published or updated; "unknown" when it shows none */
    published: z.union([calendarDay, z.literal('unknown')]),
    /** the day the team read it */
    accessed: calendarDay,
    type: z.enum(['official', 'semi-official', 'news', 'blog', 'mirror', 'seed-document']),
  })
  .strict();
export type HolidaySource = z.infer<typeof HolidaySource>;

/** A holiday as the source file writes it: its sources by id, from the calendar's list. */
const HolidayEntry = z
  .object({
    date: calendarDay,
    /** the Korean name (as the 규정 or the 월력요항 writes it) and the team's translations (the calendar's `translated`) */
    name: LocalText.extend({ en: nonEmpty, vi: nonEmpty, zh: nonEmpty }),
    /** 대체공휴일: the day off given for a holiday that fell on a weekend or on another holiday */
    substitute: z.boolean().default(false),
    /** for a substitute day, the holiday it stands in for */
    substitute_for: calendarDay.optional(),
    /** ids of the calendar's sources that give this day */
    sources: z.array(nonEmpty).min(1, 'every holiday names at least one source'),
  })
  .strict()
  .superRefine((h, ctx) => {
    if (h.substitute && !h.substitute_for) ctx.addIssue({ code: 'custom', path: ['substitute_for'], message: 'a substitute holiday names the holiday it stands in for' });
    if (!h.substitute && h.substitute_for) ctx.addIssue({ code: 'custom', path: ['substitute'], message: 'substitute_for is given: set substitute: true' });
    if (h.substitute_for && h.substitute_for >= h.date) ctx.addIssue({ code: 'custom', path: ['substitute_for'], message: 'a substitute day comes after the holiday it stands in for' });
  });

/** A holiday as the catalogue holds it: each with its sources written out. */
export type Holiday = Omit<z.infer<typeof HolidayEntry>, 'sources'> & { sources: HolidaySource[] };

/**
 * Korea's public holidays as the kiosk ships them (db/catalogue/entries/holidays.yaml): every day
 * from the first listed to `known_until`, the last day the calendar is known for — past it the
 * kiosk knows only the days its operator configured, and says so. The file lists its sources
 * once (each with an id) and every day names the ones that give it; the compiled calendar
 * carries each day's sources written out.
 */
export const HolidayCalendar = z
  .object({
    /** the last day of the last year whose holidays are all listed */
    known_until: calendarDay,
    last_verified: calendarDay,
    /** true when the dates rest on news, mirrors or transcriptions rather than the official pages read by the team */
    verify_before_use: z.boolean(),
    /** languages the team translated the names into (not official translations; the Korean name is always shown beside) */
    translated: z.array(z.enum(['en', 'vi', 'zh'])).default([]),
    /** the team's editorial notes (what was not shipped and why): never shown */
    notes: nonEmpty.optional(),
    sources: z.array(HolidaySource.extend({ id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case kebab-case') })).min(1),
    days: z.array(HolidayEntry).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const ids = new Set(c.sources.map((s) => s.id));
    const seen = new Map<string, number>();
    c.days.forEach((h, i) => {
      const before = seen.get(h.date);
      if (before !== undefined) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `${h.date} is listed twice (also days.${before})` });
      seen.set(h.date, i);
      if (h.date > c.known_until) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `${h.date} is after known_until (${c.known_until})` });
      if (i > 0 && h.date < c.days[i - 1]!.date) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `list the days in order: ${h.date} comes before ${c.days[i - 1]!.date}` });
      h.sources.forEach((id, j) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['days', i, 'sources', j], message: `unknown source id "${id}"; the calendar's sources are ${[...ids].join(', ')}` });
      });
    });
    c.days.forEach((h, i) => {
      if (h.substitute_for && !seen.has(h.substitute_for)) ctx.addIssue({ code: 'custom', path: ['days', i, 'substitute_for'], message: `${h.substitute_for} is not a holiday of the calendar` });
    });
  })
  .transform(({ sources, days, ...rest }) => {
    const byId = new Map(sources.map(({ id, ...s }) => [id, s]));
    return { ...rest, days: days.map((h): Holiday => ({ ...h, sources: h.sources.map((id) => byId.get(id)!) })) };
  });
export type HolidayCalendar = z.output<typeof HolidayCalendar>;

/** A source file holds entries and/or FAQ items; one file (entries/holidays.yaml) holds the public-holiday calendar. */
export const SourceFile = z
  .object({ entries: z.array(z.unknown()).default([]), faq: z.array(z.unknown()).default([]), holidays: z.unknown().optional() })
  .strict();

export const Synonyms = z
  .object({
    groups: z.array(
      z.object({ words: z.array(nonEmpty).min(1), means: z.array(nonEmpty).min(1), note: nonEmpty.optional() }).strict(),
    ),
  })
  .strict();
export type Synonyms = z.infer<typeof Synonyms>;
