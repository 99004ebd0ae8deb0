/**
 * The fixed lists, defined once for every layer (catalogue schema, API, CLI, UI, print) as
 * plain constants — no zod — so the UI can use them without loading the schema library.
 */

/** The kiosk's languages, Korean first. */
export const LANGS = ['ko', 'en', 'vi', 'zh'] as const;
export type Lang = (typeof LANGS)[number];
export const isLang = (s: string): s is Lang => (LANGS as readonly string[]).includes(s);

/** Life stages (생애주기), with their Korean labels as the city's document names them. */
export const STAGES = {
  pregnancy: '임신·출산',
  infant: '영유아',
  school: '초등·청소년',
  youth: '청년·일생활',
} as const;
export type StageId = keyof typeof STAGES;
export const STAGE_IDS = Object.keys(STAGES) as StageId[];
export const isStageId = (s: string): s is StageId => s in STAGES;

/** Gwangju's five autonomous districts (자치구). */
export const DISTRICTS = ['동구', '서구', '남구', '북구', '광산구'] as const;
export type District = (typeof DISTRICTS)[number];
export const isDistrict = (s: string): s is District => (DISTRICTS as readonly string[]).includes(s);

export const ROLES = ['parent', 'grandparent', 'pregnant', 'other'] as const;
/** Household income bands, lowest first (기초생활수급, 차상위, 중위소득 100 % 이하, 150 % 이하, 그 위). */
export const INCOME_BANDS = ['basic', 'near_poor', 'under_median_100', 'under_median_150', 'over'] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];
/**
 * What each band says about income as a percentage of the 기준중위소득 (a range: the engine
 * answers "ask" when a rule's limit falls inside it). 기초생활수급 and 차상위 are at or under 50 %.
 */
export const INCOME_BAND_PCT: Record<IncomeBand, { min: number; max: number }> = {
  basic: { min: 0, max: 50 },
  near_poor: { min: 0, max: 50 },
  under_median_100: { min: 0, max: 100 },
  under_median_150: { min: 100.01, max: 150 },
  over: { min: 150.01, max: 10000 },
};

/** The facts an eligibility rule may test (the engine implements every one; a new one is a compile error there). */
export const FACT_NAMES = [
  'applicant.role',
  'applicant.age',
  'applicant.employed',
  'children.count',
  'child.age_months',
  'child.age_weeks',
  'child.born_on',
  'child.twin',
  'child.birth_order',
  'child.hospitalized',
  'household.district',
  'household.dual_earner',
  'household.single_parent',
  'household.grandparent_headed',
  'household.pregnant',
  'household.income_band',
  'household.income_pct',
  'household.multicultural',
  'household.koryoin',
  'household.disability',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** Facts that are numbers, tested with min/max (the engine reads them as ranges: answers may be ranges). */
export const NUMERIC_FACTS = ['applicant.age', 'children.count', 'child.age_months', 'child.age_weeks', 'child.birth_order', 'household.income_pct'] as const satisfies readonly FactName[];
export type NumericFact = (typeof NUMERIC_FACTS)[number];
/** Yes/no facts, tested with equals. The other facts are words (role, district, income band), tested with in. */
export const YES_NO_FACTS = ['applicant.employed', 'child.twin', 'child.hospitalized', 'household.dual_earner', 'household.single_parent', 'household.grandparent_headed', 'household.pregnant', 'household.multicultural', 'household.koryoin', 'household.disability'] as const satisfies readonly FactName[];
export type YesNoFact = (typeof YES_NO_FACTS)[number];
/** Date facts (a child's birth date), tested with on_or_after / before (YYYY-MM-DD). */
export const DATE_FACTS = ['child.born_on'] as const satisfies readonly FactName[];
export type DateFact = (typeof DATE_FACTS)[number];
export const isDateFact = (f: FactName): f is DateFact => (DATE_FACTS as readonly FactName[]).includes(f);
export const isNumericFact = (f: FactName): f is NumericFact => (NUMERIC_FACTS as readonly FactName[]).includes(f);
export const isYesNoFact = (f: FactName): f is YesNoFact => (YES_NO_FACTS as readonly FactName[]).includes(f);

/**
 * What the search screen offers to try, in the reader's language: words people use, each found
 * in the catalogue (db/search/languages.test.ts checks that each finds its entry among the first three). The
 * Chinese ones are also the only way to search in Chinese on a touch screen: the on-screen
 * keyboard has no pinyin.
 */
export const SEARCH_EXAMPLES: Record<Lang, readonly { text: string; finds: string }[]> = {
  ko: [
    { text: '아이돌봄', finds: 'child-care-service' },
    { text: 'ㅇㅇㄷㅂ', finds: 'child-care-service' },
    { text: '애기 아플때', finds: 'gj-hospitalized-child-care' },
    { text: '할머니', finds: 'gj-grandparent-caregiver' },
    { text: '첫만남이용권', finds: 'first-meeting-voucher' },
  ],
  en: [
    { text: 'nappy', finds: 'low-income-diaper-formula' },
    { text: 'grandparent', finds: 'gj-grandparent-caregiver' },
    { text: 'birth voucher', finds: 'first-meeting-voucher' },
    { text: 'vaccination', finds: 'national-immunization' },
  ],
  vi: [
    { text: 'tã em bé', finds: 'low-income-diaper-formula' },
    { text: 'ông bà', finds: 'gj-grandparent-caregiver' },
    { text: 'tiêm chủng', finds: 'national-immunization' },
    { text: 'trợ cấp', finds: 'home-care-allowance' },
  ],
  zh: [
    { text: '尿布', finds: 'low-income-diaper-formula' },
    { text: '祖父母', finds: 'gj-grandparent-caregiver' },
    { text: '疫苗', finds: 'national-immunization' },
    { text: '托儿', finds: 'childcare-fee' },
    { text: '育儿津贴', finds: 'gj-birth-childcare-allowance' },
  ],
};

/**
 * Why the outbox has not sent yet, as a stable code next to its English message (the uploader's
 * `lastProblem`, an application's `lastProblem`): the UI says each in plain words in the kiosk's
 * language (`outbox.problem.*`); the English message stays for logs, the CLI and small print.
 *
 *   unreachable  the hub cannot be connected to (no network, the hub down, a wrong address)
 *   cut_short    the connection broke while the answer came
 *   hub_busy     the hub answered 5xx, 429 or 408: busy or failing for a while
 *   wifi_login   a redirect or a web page instead of the hub's answer: a Wi-Fi login page
 *   not_hub      an answer that is not the hub's (not JSON, the wrong shape, an unexpected status)
 *   incomplete   the hub's answer leaves out some of the applications sent
 *   paused       the hub refuses this device (revoked, its clock off): sending is paused
 *   put_back     a counsellor put an application the hub refused back to send again
 *   failed       the uploader itself failed on this device
 *   bad_device   this device's enrolment file cannot be read
 */
export const OUTBOX_PROBLEMS = ['unreachable', 'cut_short', 'hub_busy', 'wifi_login', 'not_hub', 'incomplete', 'paused', 'put_back', 'failed', 'bad_device'] as const;
export type OutboxProblem = (typeof OUTBOX_PROBLEMS)[number];
export const isOutboxProblem = (s: string | null | undefined): s is OutboxProblem => typeof s === 'string' && (OUTBOX_PROBLEMS as readonly string[]).includes(s);

/**
 * The groups of families a program may be only for (a rule's `for_group`). The finder asks about
 * them: 다문화가족 and 장애 in one multi-choice question, 저소득 through the income question.
 */
export const FOR_GROUPS = ['multicultural', 'disability', 'low_income'] as const;
export type ForGroup = (typeof FOR_GROUPS)[number];
/** The fact a program's rule tests for its group (db/catalogue/content.test.ts holds every tagged rule to it). */
export const FOR_GROUP_FACT = { multicultural: 'household.multicultural', disability: 'household.disability', low_income: 'household.income_band' } as const satisfies Record<ForGroup, FactName>;
/** The income bands that make a household 형편이 어려운 (저소득) for a program only for such families: 기초생활수급 and 차상위. */
export const LOW_INCOME_BANDS = ['basic', 'near_poor'] as const satisfies readonly IncomeBand[];

/** The kiosk's profiles (kiosk.json `profile`, the `settings` call): a public kiosk or a counsellor's laptop. */
export const PROFILES = ['kiosk', 'counsellor'] as const;
export type Profile = (typeof PROFILES)[number];
/** How the UI prints (the `settings` call): straight to the kiosk's printer (the Electron shell), or through the browser's dialog. */
export const PRINTING_MODES = ['direct', 'dialog'] as const;
export type PrintingMode = (typeof PRINTING_MODES)[number];
/** The bounds of the idle time before a session is wiped (kiosk.json `idleSeconds`), in whole seconds. */
export const IDLE_SECONDS = { min: 30, max: 3600 } as const;
