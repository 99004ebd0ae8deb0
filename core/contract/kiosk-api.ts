/**
 * KioskApi — the one contract between the UI and everything else. Each method is a pair of
 * zod schemas (input, output); the TypeScript types are derived from them. The web host and
 * the Electron preload both carry exactly these calls; the handler registry validates every
 * input and output against these schemas where a call enters the core. The UI's client
 * (client.ts) uses only the derived types, so the kiosk's first screen loads no zod.
 * Environment-free: no Node, no DOM, no Electron (ESLint enforces it).
 */
import * as z from 'zod';
import { Situation, SituationChild } from './situation.js';
import { FOR_GROUPS, IDLE_SECONDS, LANGS, OUTBOX_PROBLEMS, PRINTING_MODES, PROFILES, STAGE_IDS, type StageId as StageIdType } from './lists.js';

export { Situation } from './situation.js';
export { DISTRICTS, INCOME_BANDS, ROLES, type District } from './lists.js';

export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;
export const StageId = z.enum(STAGE_IDS as [StageIdType, ...StageIdType[]]);
export type StageId = z.infer<typeof StageId>;

/** A piece of catalogue text and the language it is actually in (Korean when not written in the chosen one). */
export const Text = z.object({ text: z.string(), lang: Lang });
export type Text = z.infer<typeof Text>;

export const Phone = z.object({ number: z.string(), label: Text.optional() });

export const EntrySummary = z.object({
  id: z.string(),
  kind: z.enum(['policy', 'service', 'facility']),
  status: z.enum(['active', 'discontinued', 'planned']),
  scope: z.enum(['national', 'gwangju', 'district']),
  title: Text,
  summary: Text,
  category: z.string(),
  stages: z.array(StageId),
  district: z.string().nullable(),
  verifyBeforeUse: z.boolean(),
});
export type EntrySummary = z.infer<typeof EntrySummary>;

export const Schedule = z.object({
  byday: z.array(z.string()),
  opensAt: z.string(),
  closesAt: z.string(),
  overnight: z.boolean(),
  closedOnHolidays: z.boolean(),
  note: Text.optional(),
});

export const Source = z.object({ title: z.string(), url: z.string().optional(), document: z.string().optional(), date: z.string(), type: z.string() });

export const EntryView = EntrySummary.extend({
  officialTitle: Text.optional(),
  /** the texts in this language are the team's translation of the Korean (not an official one) */
  translatedByTeam: z.boolean().optional(),
  who: Text.optional(),
  what: Text.optional(),
  amount: z.object({ text: Text, year: z.string(), current: z.boolean(), until: z.string().optional() }).optional(),
  howToApply: Text.optional(),
  where: Text.optional(),
  documents: z.object({ items: z.array(z.string()), lang: Lang }).optional(),
  onlineUrl: z.string().optional(),
  /** the online page as people read it (a Korean domain in Hangul, not punycode) */
  onlineText: z.string().optional(),
  /** a QR code (SVG) of the online page, to scan with a phone */
  onlineQr: z.string().optional(),
  phones: z.array(Phone),
  /** the number to call to check the facts before applying: the entry's own, or the 1279 centre's */
  verifyPhone: Phone.optional(),
  eligibility: z
    .object({ description: Text, minAgeMonths: z.number().optional(), maxAgeMonths: z.number().optional(), applicantMinAge: z.number().optional(), applicantMaxAge: z.number().optional() })
    .optional(),
  location: z.object({ address: Text, district: z.string().optional(), dong: z.string().optional(), geoPrecision: z.enum(['exact', 'dong', 'district', 'unknown']) }).optional(),
  schedules: z.array(Schedule),
  /** a facility's page on a public holiday (the catalogue's, or a day the kiosk's operator configured): its name and whether the facility is closed for it */
  holidayToday: z.object({ name: Text.nullable(), closed: z.boolean() }).nullable().optional(),
  /** this kiosk has a form for the entry (formView answers for it): the page offers 여기서 신청하기 */
  hasForm: z.boolean().optional(),
  history: z.array(z.object({ year: z.string(), text: Text })),
  sources: z.array(Source),
  /** remarks about the sources (how old, which district's page, what they do not say): shown with the sources, never in the plain text */
  sourceNotes: Text.optional(),
  lastVerified: z.string(),
  /** Services offered at this facility, or facilities offering this service. */
  related: z.array(EntrySummary),
});
export type EntryView = z.infer<typeof EntryView>;

export const SearchHit = z.object({ id: z.string(), kind: z.string(), title: Text, summary: Text, stage: z.string(), score: z.number() });
export type SearchHit = z.infer<typeof SearchHit>;

export const Filters = z
  .object({
    stage: StageId.optional(),
    category: z.string().max(40).optional(),
    district: z.string().max(10).optional(),
    childAgeMonths: z.number().int().min(0).max(600).optional(),
  })
  .strict();

export const FaqItem = z.object({ id: z.string(), question: Text, answer: Text, related: z.array(z.object({ id: z.string(), title: Text })) });
export type FaqItem = z.infer<typeof FaqItem>;

const withLang = { lang: Lang.default('ko') };

/** The finder's situation over the API: the shared definition, with at most 12 children. */
export const ApiSituation = Situation.extend({ children: z.array(SituationChild).max(12).optional() });

export const Finding = z.object({
  id: z.string(),
  title: Text,
  result: z.enum(['eligible', 'not_eligible', 'unknown']),
  /** code "expired": the rule was set until a day that has passed (the UI says so in its own words) */
  reasons: z.array(z.object({ text: z.string(), met: z.boolean().nullable(), code: z.literal('expired').optional(), until: z.string().optional() })),
  /** good to know, not a condition */
  note: Text.optional(),
  /** the current figure and the year it holds for */
  amount: z.object({ text: Text, year: z.string(), current: z.boolean(), until: z.string().optional() }).optional(),
  /** whom to call: the entry's phone, else the 1279 centre's */
  phone: Phone.optional(),
  category: z.string(),
  /** programs that exclude each other share a group: the family chooses one */
  choice: z.object({ group: z.string(), label: Text }).optional(),
  /** only for this group of families, and the household has not said whether it is one: labelled, after the programs for anyone */
  forGroup: z.enum(FOR_GROUPS).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const PlaceView = z.object({ lon: z.number(), lat: z.number(), precision: z.enum(['exact', 'dong', 'district']) });
export const FacilityItem = EntrySummary.extend({
  place: PlaceView.nullable(),
  distanceKm: z.number().nullable(),
  open: z.boolean().nullable(),
  today: z.array(z.object({ opensAt: z.string(), closesAt: z.string(), overnight: z.boolean() })),
  holiday: z.boolean(),
  /** today's public holiday by name (a translation with the Korean name beside it); null when it is none or a day only the kiosk's operator configured */
  holidayName: Text.nullable(),
  /** today is a holiday and the facility, otherwise open on this weekday, is closed for it */
  holidayClosed: z.boolean(),
});
export type FacilityItem = z.infer<typeof FacilityItem>;
const Position = z.tuple([z.number(), z.number()]);
const PolygonCoords = z.array(z.array(Position));
export const MapArea = z.object({
  gu: z.string(),
  dong: z.string().optional(),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: PolygonCoords }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoords) }),
  ]),
});
export type MapArea = z.infer<typeof MapArea>;

const RecordState = z.enum(['pending', 'sent', 'attention']);
/** an application as the device keeps it in the clear: its envelope, nothing personal */
const OutboxEnvelope = z.object({ clientId: z.string(), service: z.string(), createdAt: z.string(), size: z.number().int() });
export const OutboxStatus = z.object({
  pending: z.number().int(),
  sent: z.number().int(),
  attention: z.number().int(),
  device: z.object({
    enrolled: z.boolean(),
    deviceId: z.string().nullable(),
    /** the name the hub's operator gave this device */
    name: z.string().nullable(),
    hubUrl: z.string().nullable(),
    enrolledAt: z.string().nullable(),
    keyFingerprint: z.string().nullable(),
  }),
  uploader: z.object({
    state: z.enum(['idle', 'sending', 'waiting', 'paused', 'not_enrolled', 'stopped']),
    nextTryAt: z.string().nullable(),
    /** what went wrong last, in English (the network's or the hub's words: logs, small print) */
    lastError: z.string().nullable(),
    /** the same as a stable code, said in plain words in the kiosk's language (`outbox.problem.*`) */
    lastProblem: z.enum(OUTBOX_PROBLEMS).nullable(),
    /** paused: the hub's reason for refusing this device (revoked, clock_skew, …) */
    pausedReason: z.string().nullable(),
  }),
  /** the applications needing attention and pending (oldest first), then the latest sent */
  records: z.array(
    OutboxEnvelope.extend({
      state: RecordState,
      attempts: z.number().int(),
      receipt: z.string().nullable(),
      receivedAt: z.string().nullable(),
      lastError: z.string().nullable(),
      /** pending: why the last try did not send it, as a stable code (`outbox.problem.*`) */
      lastProblem: z.enum(OUTBOX_PROBLEMS).nullable(),
      /** needs attention: the hub's code and its words */
      code: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  /** applications a counsellor discarded (envelopes only, with the hub's reason, who and when): the latest 20, newest first */
  discarded: z.object({
    count: z.number().int(),
    records: z.array(
      OutboxEnvelope.extend({
        code: z.string().nullable(),
        reason: z.string().nullable(),
        discardedBy: z.string(),
        discardedAt: z.string(),
      }),
    ),
  }),
});
export type OutboxStatus = z.infer<typeof OutboxStatus>;

// ---- the counsellor mode (core/counsellor) ------------------------------------------------------
// Refusals are error results whose `reason` says what happened: `locked` (unauthorized: an
// operator unlocks), `wrong_pin` (unauthorized; the message and counsellorStatus's `triesLeft`
// say how many tries are left), `signed_out` (unauthorized: no one signed in, or idle too
// long), `not_enrolled` (unavailable), `unknown_counsellor`, `draft_not_found`,
// `application_not_found` (not_found), `bad_pin`, `same_pin`, `bad_draft`, `not_attention`
// (bad_request), `too_large`.

/** a PIN as typed: 6 to 8 digits (never echoed in a message or a log) */
const Pin = z.string().regex(/^\d{6,8}$/, 'a PIN is 6 to 8 digits');
const CounsellorName = z.string().min(1).max(40);
export const CounsellorSession = z.object({ name: z.string(), signedInAt: z.string(), lastActiveAt: z.string(), expiresAt: z.string() });
export type CounsellorSession = z.infer<typeof CounsellorSession>;
export const DraftKind = z.enum(['application', 'visit', 'survey']);
export const DraftSummary = z.object({ id: z.string().uuid(), kind: DraftKind, service: z.string().nullable(), label: z.string().nullable(), createdAt: z.string(), updatedAt: z.string() });
export type DraftSummary = z.infer<typeof DraftSummary>;
const DraftId = z.string().uuid('a draft id');
const ClientId = z.string().uuid('an application client id');
/** `receipt`: the receipt number the hub will know the application by, given on the device from a block of numbers the hub gave it (so a person leaves with it even offline); null when the device has no number left (the hub gives one when it receives it) */
const Submitted = z.object({ clientId: z.string().uuid(), service: z.string(), createdAt: z.string(), size: z.number().int().positive(), state: z.literal('pending'), receipt: z.string().nullable() });
const QueueDone = z.object({ clientId: z.string().uuid(), state: z.enum(['pending', 'discarded']), at: z.string() });

// ---- forms, receipts (issue 14) -----------------------------------------------------------------

/**
 * How a form's field is filled in on the screen: `text` (the on-screen Hangul/Latin keyboard),
 * `longtext` (the same, several lines), `phone` and `number` (the number pad), `choice` (one of
 * `options`), `choices` (any of them), `month` (YYYY-MM), `day` (YYYY-MM-DD), `yesno`, `scale`
 * (1–5), `visits` (days with a start and end time, `date`/`start`/`end`), `slot` (one such day
 * and times), `entries` (catalogue entry ids), `consent` (the consent screen's 동의해요).
 */
export const FieldKind = z.enum(['text', 'longtext', 'phone', 'number', 'choice', 'choices', 'month', 'day', 'yesno', 'scale', 'visits', 'slot', 'entries', 'consent']);
export type FieldKind = z.infer<typeof FieldKind>;
/** A catalogue figure a form states, as an i18next key (`forms.fact.<service>.<name>`) and its values; `year`: the year the figure holds for. */
export const FormFact = z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) });
export type FormFact = z.infer<typeof FormFact>;
export const FormField = z.object({
  name: z.string(),
  kind: FieldKind,
  optional: z.boolean(),
  /** choice / choices: each value; its words are i18next `forms.option.<field>.<value>`, or `label` for an option made from the catalogue (a centre, an income tier) */
  options: z
    .array(
      z.object({
        value: z.string(),
        label: Text.optional(),
        /** a centre's opening hours (HSDS schedules: weekdays MO…SU, HH:MM; overnight: closes the next day): a slot must fit them */
        open: z.array(z.object({ byday: z.array(z.string()), opensAt: z.string(), closesAt: z.string(), overnight: z.boolean() })).optional(),
      }),
    )
    .optional(),
  /** number, scale: the range the form takes */
  min: z.number().optional(),
  max: z.number().optional(),
  /** text: at most this many characters */
  maxLength: z.number().int().optional(),
});
export type FormField = z.infer<typeof FormField>;
export const FormView = z.object({
  service: z.string(),
  /** received, or requested: a reservation the centre confirms */
  submitted: z.enum(['received', 'requested']),
  /** only a signed-in counsellor submits it (the outreach visit log and survey) */
  counsellorOnly: z.boolean(),
  /** the version of the consent text shown (sealed with the application) */
  consentVersion: z.string(),
  /** in the order the screen asks them; `consent` is asked first, on its own screen, before any personal data */
  fields: z.array(FormField),
  /** the catalogue's figures the form is made from (hours, rates, the amount), each with the year it holds for */
  facts: z.array(FormFact),
  /** the catalogue entry the service is (its title, phone and page), when there is one */
  entryId: z.string().nullable(),
});
export type FormView = z.infer<typeof FormView>;
const ProblemView = z.object({ field: z.string(), code: z.enum(['required', 'invalid', 'too_long', 'out_of_range', 'not_eligible', 'too_many', 'unknown']), key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
export type ProblemView = z.infer<typeof ProblemView>;
const ReceiptNo = z.string().trim().regex(/^\d{4}-?\d{4}-?\d$/, 'a receipt number like 1234-5678-9');
export const ReceiptState = z.enum(['received', 'requested', 'confirmed', 'declined']);

/** The contract: method name → input and output schemas. */
export const KioskApi = {
  info: {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      builtAt: z.string(),
      stages: z.array(z.object({ id: StageId, count: z.number() })),
      entries: z.number(),
      /** the public-holiday calendar this catalogue ships: the last day it is known for (null: none), how many days it lists, and whether that day has passed (Korea time) */
      holidays: z.object({ knownUntil: z.string().nullable(), days: z.number().int(), ended: z.boolean() }),
    }),
  },
  search: {
    input: z
      .object({ query: z.string().max(200, 'a search is at most 200 characters'), limit: z.number().int().min(1).max(50).default(20), offset: z.number().int().min(0).max(500).default(0), filters: Filters.default({}), ...withLang })
      .strict(),
    /** hits: one page (from offset); total: every match ranked; atLeast: the searcher's candidate pool was full, so there may be more than total */
    output: z.object({ hits: z.array(SearchHit), total: z.number().int(), atLeast: z.boolean() }),
  },
  list: {
    input: z
      .object({ stage: StageId.optional(), category: z.string().max(40).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(50), ...withLang })
      .strict(),
    output: z.object({ categories: z.array(z.object({ id: z.string(), count: z.number() })), total: z.number(), entries: z.array(EntrySummary) }),
  },
  entry: {
    input: z.object({ id: z.string().min(1).max(100), ...withLang }).strict(),
    output: EntryView,
  },
  eligible: {
    input: z.object({ situation: ApiSituation, ...withLang }).strict(),
    output: z.object({ findings: z.array(Finding) }),
  },
  facilities: {
    input: z
      .object({
        category: z.string().max(40).optional(),
        district: z.string().max(10).optional(),
        openNow: z.boolean().default(false),
        /** nearest first, a page at a time: after an import of open data there are thousands */
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
        ...withLang,
      })
      .strict(),
    output: z.object({
      origin: z.object({ label: z.string(), place: PlaceView }).nullable(),
      /** how many facilities match the filters (items is one page of them) */
      total: z.number().int(),
      items: z.array(FacilityItem),
      /**
       * With openNow: the facilities the same filters match whose hours the catalogue does not
       * know (open now or not, nobody can say) — how many, and the nearest few; empty otherwise.
       */
      hoursUnknown: z.object({ total: z.number().int(), items: z.array(FacilityItem) }),
      categories: z.array(z.object({ id: z.string(), count: z.number() })),
    }),
  },
  /** A policy sheet as print HTML (the one builder every print path uses), for react-to-print in the UI. */
  sheet: {
    input: z.object({ id: z.string().min(1).max(100), large: z.boolean().default(false), ...withLang }).strict(),
    output: z.object({ html: z.string(), css: z.string() }),
  },
  /**
   * A booklet (cover, contents, one section per entry, back page) rendered to PDF by the host.
   * A long call: `print.progress` events tell how far it is; cancelling the call stops it. The
   * answer names the finished PDF, which the host hands out once (web host: GET
   * /print/jobs/<job>.pdf) and then forgets.
   */
  booklet: {
    input: z
      .object({ stage: StageId.optional(), ids: z.array(z.string().min(1).max(100)).min(1).max(200).optional(), large: z.boolean().default(false), ...withLang })
      .strict()
      .refine((x) => !x.stage !== !x.ids, { message: 'give either stage or ids', path: ['stage'] }),
    output: z.object({ job: z.string(), pages: z.number().int().min(1), entries: z.number().int().min(1) }),
  },
  /** The finder's results as a personal summary for print: what the household may get and why — no answers, no personal data. */
  summary: {
    input: z.object({ situation: ApiSituation, large: z.boolean().default(false), ...withLang }).strict(),
    output: z.object({ html: z.string(), css: z.string() }),
  },
  map: {
    input: z.object({}).strict(),
    output: z.object({ areas: z.array(MapArea) }),
  },
  faq: {
    input: z.object({ ...withLang }).strict(),
    output: z.object({ items: z.array(FaqItem), centre: z.object({ entryId: z.string(), phones: z.array(Phone), title: Text, where: Text.optional(), what: Text.optional() }).nullable() }),
  },
  /**
   * The on-screen keyboard's pinyin layout: the Chinese words and characters of the catalogue in
   * use whose toneless pinyin the letters spell (a–z, ü as v): whole syllables ("yuer" → 育儿),
   * the last one begun ("yue"), or initials ("ye"), likeliest first; a word that spells only the
   * letters' beginning takes only those (`letters`: how many), the rest stays to spell on.
   */
  pinyin: {
    input: z.object({ letters: z.string().regex(/^[a-z]{1,40}$/, 'letters a–z (ü as v), at most 40'), limit: z.number().int().min(1).max(100).default(60) }).strict(),
    output: z.object({
      candidates: z.array(z.object({ text: z.string(), pinyin: z.string(), letters: z.number().int().min(1) })),
      /** every word the letters spell (candidates is the first `limit` of them) */
      total: z.number().int(),
    }),
  },
  /** The catalogue's update status for the status view: the hub, its pinned key (fingerprint), the version, the USB bundles found. */
  syncStatus: {
    input: z.object({}).strict(),
    output: z.object({
      hubUrl: z.string().nullable(),
      keyFingerprint: z.string().nullable(),
      /** the hub version of the catalogue in use (0: the app's own, never updated) */
      version: z.number().int(),
      syncedAt: z.string().nullable(),
      running: z.boolean(),
      /** how the last look at the hub since the host started ended (the background's or 지금 업데이트's), or null */
      lastCheck: z
        .object({
          at: z.string(),
          ok: z.boolean(),
          /** the refusal's reason when it failed (unreachable, bad_signature, rollback, …) */
          reason: z.string().nullable(),
          /** for operators, in English */
          message: z.string().nullable(),
          /** failed looks in a row, this one included */
          failuresInARow: z.number().int(),
        })
        .nullable(),
      bundles: z.array(z.object({ file: z.string(), name: z.string(), size: z.number().int(), modified: z.string() })),
    }),
  },
  /** The fingerprint of a hub key typed by an operator, to compare by eye with the one the hub shows before pinning it. */
  hubKey: {
    input: z.object({ key: z.string().min(1).max(200) }).strict(),
    output: z.object({ fingerprint: z.string() }),
  },
  /**
   * Updates the catalogue from the hub now (the one set on this device, or `hubUrl` with `key`
   * the first time). A long call: `sync.progress` events tell how far it is.
   */
  syncNow: {
    input: z.object({ hubUrl: z.string().url('an address like http://hub.example:8790').max(300).optional(), key: z.string().min(1).max(200).optional() }).strict(),
    output: z.object({ version: z.number().int(), applied: z.enum(['snapshot', 'delta', 'none']), ms: z.number() }),
  },
  /** Imports a USB bundle found on removable media (one of syncStatus's `bundles`). */
  bundleImport: {
    input: z.object({ file: z.string().min(1).max(1000), key: z.string().min(1).max(200).optional() }).strict(),
    output: z.object({ version: z.number().int(), applied: z.enum(['snapshot', 'delta', 'none']), ms: z.number() }),
  },
  /**
   * The outbox for the status view: how many applications wait, were sent, need attention; the
   * device's enrolment; the uploader's state; and per record only its envelope and what
   * happened to it (no personal data: the device cannot read what it sealed).
   */
  outboxStatus: {
    input: z.object({}).strict(),
    output: OutboxStatus,
  },
  /**
   * Seals an application into the outbox (the forms come in issue 14). A form's problem is
   * `bad_request` with `field` = `form.<field>` and `reason` = the problem's code (required,
   * invalid, too_long, unknown): the UI says it with `forms.error.<field>.<code>`.
   */
  submitApplication: {
    input: z.object({ service: z.string().min(1).max(80), form: z.record(z.string(), z.unknown()) }).strict(),
    output: Submitted,
  },
  /**
   * The counsellor mode's state: whether the device is enrolled, the accounts (for the sign-in
   * screen: name, locked, tries left), the session (who, until when). `touch`: the counsellor
   * is using the screen (the UI sends it on input, at most every minute) — it keeps the session.
   */
  counsellorStatus: {
    input: z.object({ touch: z.boolean().default(false) }).strict(),
    output: z.object({
      enrolled: z.boolean(),
      counsellors: z.array(z.object({ name: z.string(), locked: z.boolean(), triesLeft: z.number().int() })),
      session: CounsellorSession.nullable(),
      idleMinutes: z.number(),
    }),
  },
  /** Signs a counsellor in with their PIN (whoever was signed in is signed out). */
  counsellorSignIn: {
    input: z.object({ name: CounsellorName, pin: Pin }).strict(),
    output: CounsellorSession,
  },
  /** Signs out now: the drafts' key is wiped. */
  counsellorSignOut: {
    input: z.object({}).strict(),
    output: z.object({ signedOut: z.boolean() }),
  },
  /** The signed-in counsellor changes their PIN; their drafts are re-encrypted with the new one. */
  counsellorChangePin: {
    input: z.object({ pin: Pin, newPin: Pin }).strict(),
    output: z.object({ drafts: z.number().int() }),
  },
  /** The signed-in counsellor's drafts, newest first (decrypted labels; the content with counsellorDraftOpen). */
  counsellorDrafts: {
    input: z.object({}).strict(),
    output: z.object({ drafts: z.array(DraftSummary) }),
  },
  /** Saves a draft, encrypted (a new one without `id`). `data`: the form as far as it is filled in; `step`: where the screen was (the apply screen's step; its number of steps for the review), kept encrypted with it. */
  counsellorDraftSave: {
    input: z
      .object({
        id: DraftId.optional(),
        kind: DraftKind,
        service: z.string().min(1).max(80).nullable().optional(),
        label: z.string().max(80).nullable().optional(),
        data: z.record(z.string(), z.unknown()),
        step: z.number().int().min(0).max(100).nullable().optional(),
      })
      .strict(),
    output: DraftSummary,
  },
  /** A draft's content, to go on with it: the form and the step it was saved at (null when saved without one). */
  counsellorDraftOpen: {
    input: z.object({ id: DraftId }).strict(),
    output: DraftSummary.extend({ data: z.record(z.string(), z.unknown()), step: z.number().int().nullable() }),
  },
  counsellorDraftDelete: {
    input: z.object({ id: DraftId }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  },
  /**
   * Submits an application on a family's behalf, or an outreach form (outreach-visit,
   * outreach-survey), as the signed-in counsellor: their name is sealed with it. `draftId`: the
   * draft it was written in, deleted once sealed. Form problems as submitApplication's.
   */
  counsellorSubmit: {
    input: z.object({ service: z.string().min(1).max(80), form: z.record(z.string(), z.unknown()), draftId: DraftId.optional() }).strict(),
    output: Submitted,
  },
  /** Puts an application that needs attention back to pending (the uploader sends it again). */
  counsellorRetry: {
    input: z.object({ clientId: ClientId }).strict(),
    output: QueueDone,
  },
  /**
   * Discards an application that needs attention — only with `confirm: true`, which the UI
   * sends after the counsellor confirmed it: its sealed bytes are deleted, its envelope kept as
   * discarded with who and when (outboxStatus's `discarded`).
   */
  counsellorDiscard: {
    input: z.object({ clientId: ClientId, confirm: z.literal(true, { error: () => 'discarding needs the counsellor to confirm it (confirm: true)' }) }).strict(),
    output: QueueDone,
  },
  /**
   * The kiosk's settings the UI follows (DATA/kiosk.json, core/config): the profile (a public
   * kiosk or a counsellor's laptop), the language each session starts in, and how long without a
   * touch before the kiosk wipes the session. A bad or missing file gives the safe defaults.
   */
  settings: {
    input: z.object({}).strict(),
    output: z.object({
      profile: z.enum(PROFILES),
      language: Lang,
      idleSeconds: z.number().int().min(IDLE_SECONDS.min).max(IDLE_SECONDS.max),
      /** direct: the host prints to the kiosk's printer itself (printOut); dialog: the UI prints through the browser's print dialog */
      printing: z.enum(PRINTING_MODES),
    }),
  },
  /**
   * Prints print HTML from the core (a sheet, the finder's summary, a receipt: what `sheet`,
   * `summary` and `receiptSheet` give) straight to the kiosk's printer, with no dialog — on a
   * host whose settings say `printing: direct` (the Electron shell). Elsewhere: unavailable.
   */
  printOut: {
    // within what one call may carry over HTTP and IPC (64 KB): the largest sheet, a facility's with its map in large type, is ~19 KB
    input: z.object({ html: z.string().min(1).max(56_000), css: z.string().max(8_000), title: z.string().min(1).max(200), ...withLang }).strict(),
    output: z.object({ printer: z.string().nullable() }),
  },
  /** A service's form as the screen asks it: its fields, their options and limits, and the catalogue's figures it rests on. not_found for a service without a form. */
  formView: {
    input: z.object({ service: z.string().min(1).max(80), ...withLang }).strict(),
    output: FormView,
  },
  /**
   * Checks a form as far as it is filled in, with the very schema the core seals with and the hub
   * opens with: every problem (`only`: just these fields', for a screen that asks a few at a
   * time — the service's rules included, as far as the answers given settle them, a condition
   * missed named in the catalogue's words in `lang`), and the fee or amount it comes to
   * (`estimate`, an i18next key and values) once the fields it needs are right — none while an
   * answer misses a condition of the service.
   */
  formCheck: {
    input: z.object({ service: z.string().min(1).max(80), form: z.record(z.string(), z.unknown()), only: z.array(z.string().max(40)).max(40).optional(), ...withLang }).strict(),
    output: z.object({ ok: z.boolean(), problems: z.array(ProblemView), estimate: FormFact.nullable() }),
  },
  /** The receipt of an application in this device's outbox, to print: the number with its check digit, the service, when, what happens next, the 1279 phone — from its envelope, no personal data. not_found for an unknown client id. */
  receiptSheet: {
    input: z.object({ clientId: z.string().uuid(), ...withLang }).strict(),
    output: z.object({ html: z.string(), css: z.string() }),
  },
  /**
   * Where an application in this device's outbox stands, from its envelope (nothing personal):
   * `pending` (sealed on this device, not yet at the hub), `sent` (the hub has it), `attention`
   * (the hub refused it; it waits here for a counsellor), and the centre's answer to a
   * reservation once the device knows it. The receipt screen asks it again on `outbox.changed`.
   * not_found for an unknown or discarded client id.
   */
  applicationState: {
    input: z.object({ clientId: z.string().uuid() }).strict(),
    output: z.object({ clientId: z.string(), state: RecordState, status: ReceiptState.nullable(), statusReason: z.string().nullable() }),
  },
  /**
   * The status of an application, asked of the hub by its receipt number and the phone number
   * given on it (a kiosk that is online): not_found when either does not match — the same answer
   * for both, so the number cannot be guessed; unavailable when the kiosk is offline or not
   * enrolled.
   */
  receiptStatus: {
    input: z.object({ receipt: ReceiptNo, phone: z.string().trim().min(1).max(20) }).strict(),
    output: z.object({ receipt: z.string(), service: z.string(), status: ReceiptState, receivedAt: z.string(), statusAt: z.string().nullable(), reason: z.string().nullable() }),
  },
  /**
   * Copies the applications waiting in the outbox (sealed, as they are) to a USB stick found on
   * removable media, device-signed, for a hub to import when this device has no network for days
   * (`cli -- hub import-applications FILE`). They stay pending here: the hub takes each once, by
   * its client id, whichever way it arrives. not_found when no removable media is mounted.
   */
  outboxExport: {
    input: z.object({ media: z.string().min(1).max(1000).optional() }).strict(),
    output: z.object({ file: z.string(), records: z.number().int(), bytes: z.number().int() }),
  },
} as const;

export type KioskApi = typeof KioskApi;
export type Method = keyof KioskApi;
export type Input<M extends Method> = z.input<KioskApi[M]['input']>;
export type Output<M extends Method> = z.infer<KioskApi[M]['output']>;

export type { ApiErrorBody } from './result.js';
