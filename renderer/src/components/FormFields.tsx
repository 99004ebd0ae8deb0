/**
 * A form's fields as big touch controls, drawn from the core's description of the form
 * (KioskApi formView): each field's kind says which control it gets — the on-screen Hangul/Latin
 * keyboard for text, the number pad for a phone number or a number, big buttons for choices,
 * yes/no and a 1–5 scale, a year stepper with twelve month buttons for a month, a calendar of big
 * day buttons for a day, days with start and end hours for visits and a slot, a small search for
 * catalogue entries, and the consent text with 동의해요 / 동의하지 않아요.
 *
 * Labels are visible text; a field's problems (from formCheck: the very schema the core seals
 * with — nothing is checked here) are shown under it and tied to its control with
 * aria-describedby. Only one on-screen keyboard or number pad is open at a time: the focused
 * text, number or phone field's, right under it.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField, FormView, ProblemView, SearchHit } from '../../../core/contract/kiosk-api';
import { api } from '../api';
import { display, fromText, type ImeState } from '../lib/hangul-ime';
import { dayShown, koreaDay, monthName, monthShown } from '../lib/number-format';
import { phoneShown } from '../lib/number-format';
import { useLang } from '../lib/use-lang';
import { useSearchInput } from '../session';
import { HangulKeyboard } from './HangulKeyboard';
import { digitsOnly, NumberPad } from './NumberPad';

export interface FormFieldsProps {
  view: FormView;
  /** the names of the fields to show now (a step of the form) */
  fields: string[];
  values: Record<string, unknown>;
  onChange: (name: string, value: unknown) => void;
  problems: ProblemView[];
}

/** the kinds typed on the on-screen keyboard or the number pad */
const TYPED = new Set(['text', 'longtext', 'phone', 'number', 'entries']);
/** the longest Korean phone number, in digits */
const PHONE_DIGITS = 11;

const keepFocus = (e: MouseEvent) => e.preventDefault();
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export interface Slot {
  date?: string;
  start?: string;
  end?: string;
}
const asSlot = (v: unknown): Slot => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Slot) : {});

export function FormFields({ view, fields, values, onChange, problems }: FormFieldsProps) {
  const shown = useMemo(() => fields.map((n) => view.fields.find((f) => f.name === n)).filter((f): f is FormField => f !== undefined), [fields, view]);
  const firstTyped = shown.find((f) => TYPED.has(f.kind))?.name ?? null;
  const [active, setActive] = useState<string | null>(firstTyped);
  // a new step: its first typed field gets the keyboard
  const stepKey = fields.join(' ');
  const lastStep = useRef(stepKey);
  useEffect(() => {
    if (lastStep.current === stepKey) return;
    lastStep.current = stepKey;
    setActive(firstTyped);
  }, [stepKey, firstTyped]);
  return (
    <div className="ff">
      {shown.map((f) => (
        <Field
          key={f.name}
          field={f}
          view={view}
          value={values[f.name]}
          onChange={(v) => onChange(f.name, v)}
          problems={problems.filter((p) => p.field === f.name)}
          active={active === f.name}
          onActivate={() => setActive(f.name)}
          centre={typeof values.centre === 'string' ? values.centre : undefined}
        />
      ))}
    </div>
  );
}

interface FieldProps {
  field: FormField;
  view: FormView;
  value: unknown;
  onChange: (v: unknown) => void;
  problems: ProblemView[];
  /** this field has the on-screen keyboard or number pad */
  active: boolean;
  onActivate: () => void;
  /** the centre chosen on the form (a slot's hours follow its opening hours) */
  centre?: string;
}

/** One field: its label, its control, its problems. */
function Field({ field, view, value, onChange, problems, active, onActivate, centre }: FieldProps) {
  const { t } = useTranslation();
  const id = `ff-${field.name}`;
  const errorIds = problems.map((_, i) => `${id}-problem-${i}`);
  const described = errorIds.length ? errorIds.join(' ') : undefined;
  const label = `${t(`forms.field.${field.name}`)}${field.optional ? ` ${t('apply.optional')}` : ''}`;
  const a11y = { 'aria-invalid': problems.length > 0 ? true : undefined, 'aria-describedby': described };
  const problemList = problems.map((p, i) => (
    <p key={i} id={errorIds[i]} className="field-error" role="alert" data-problem={p.code}>
      {t(p.key, p.values)}
    </p>
  ));
  const inputKind = field.kind === 'text' || field.kind === 'longtext' || field.kind === 'phone' || field.kind === 'number';
  let control: ReactNode;
  switch (field.kind) {
    case 'text':
    case 'longtext':
      control = <TextControl problems={problemList} id={id} field={field} value={str(value)} onChange={onChange} active={active} onActivate={onActivate} label={label} a11y={a11y} />;
      break;
    case 'phone':
      control = <PhoneControl problems={problemList} id={id} value={str(value)} onChange={onChange} active={active} onActivate={onActivate} label={label} a11y={a11y} />;
      break;
    case 'number':
      control = <NumberControl problems={problemList} id={id} field={field} value={value} onChange={onChange} active={active} onActivate={onActivate} label={label} a11y={a11y} />;
      break;
    case 'choice':
    case 'choices':
      control = <ChoiceControl field={field} value={value} onChange={onChange} />;
      break;
    case 'yesno':
      control = (
        <Options>
          <OptionButton pressed={value === true} onClick={() => onChange(true)} data="yes">
            {t('apply.yes')}
          </OptionButton>
          <OptionButton pressed={value === false} onClick={() => onChange(false)} data="no">
            {t('apply.no')}
          </OptionButton>
        </Options>
      );
      break;
    case 'scale': {
      const [min, max] = [field.min ?? 1, field.max ?? 5];
      control = (
        <>
          <p className="hint ff-scale-hint">{t('apply.scaleHint', { min, max })}</p>
          <Options className="ff-scale">
            {Array.from({ length: max - min + 1 }, (_, i) => min + i).map((n) => (
              <OptionButton key={n} pressed={value === n} onClick={() => onChange(n)} data={String(n)}>
                {n}
              </OptionButton>
            ))}
          </Options>
        </>
      );
      break;
    }
    case 'month':
      control = <MonthPicker value={str(value)} onChange={onChange} />;
      break;
    case 'day':
      control = <DayPicker value={str(value)} onChange={(d) => onChange(d)} />;
      break;
    case 'visits':
      control = <VisitsControl value={Array.isArray(value) ? (value as Slot[]) : []} onChange={onChange} hours={hoursOf(view)} />;
      break;
    case 'slot':
      control = <SlotEditor slot={asSlot(value)} onChange={(s) => onChange(s)} hours={(date) => centreHours(view, centre, date)} overnight />;
      break;
    case 'entries':
      control = <EntriesControl id={id} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} active={active} onActivate={onActivate} label={label} />;
      break;
    case 'consent':
      control = (
        <>
          <ConsentDetails view={view} level={3} />
          <Options>
            <OptionButton pressed={value === true} onClick={() => onChange(true)} data="agree">
              {t('forms.consent.agree')}
            </OptionButton>
            <OptionButton pressed={false} onClick={() => onChange(undefined)} data="disagree">
              {t('forms.consent.disagree')}
            </OptionButton>
          </Options>
        </>
      );
      break;
  }
  if (inputKind)
    return (
      <div className="ff-field" data-field={field.name} data-kind={field.kind} data-invalid={problems.length ? '' : undefined}>
        <label htmlFor={id} className="ff-label">
          {label}
        </label>
        {control}
      </div>
    );
  return (
    <fieldset className="ff-field" data-field={field.name} data-kind={field.kind} data-invalid={problems.length ? '' : undefined} aria-describedby={described} aria-invalid={a11y['aria-invalid']}>
      <legend className="ff-label">{label}</legend>
      {control}
      {problemList}
    </fieldset>
  );
}

type A11y = { 'aria-invalid'?: boolean; 'aria-describedby'?: string };

interface TypedProps {
  id: string;
  active: boolean;
  onActivate: () => void;
  label: string;
  a11y: A11y;
  /** the field's problems: right under the input, above the keyboard */
  problems: ReactNode;
}

/** Text on the on-screen keyboard (Hangul composing syllables, or Latin); a physical keyboard types into the input too. */
function TextControl({ problems, id, field, value, onChange, active, onActivate, label, a11y }: TypedProps & { field: FormField; value: string; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { layout, setLayout } = useSearchInput();
  // the syllable being composed lives here; the form holds the text as it reads
  const ime = useRef<ImeState>(fromText(value));
  if (display(ime.current) !== value) ime.current = fromText(value);
  const set = (s: ImeState) => {
    const text = display(s);
    if (field.maxLength !== undefined && text.length > field.maxLength) return;
    ime.current = s;
    onChange(text === '' ? undefined : text);
  };
  const common = {
    id,
    className: 'ff-input',
    value,
    inputMode: 'none' as const,
    autoComplete: 'off',
    spellCheck: false,
    maxLength: field.maxLength,
    onFocus: onActivate,
    onClick: onActivate,
    ...a11y,
  };
  return (
    <>
      {field.kind === 'longtext' ? (
        <textarea {...common} rows={3} onChange={(e) => set(fromText(e.target.value))} />
      ) : (
        <input {...common} type="text" onChange={(e) => set(fromText(e.target.value))} />
      )}
      {problems}
      {field.maxLength !== undefined && field.kind === 'longtext' && (
        <p className="hint ff-count" aria-hidden="true">
          {t('apply.chars', { n: value.length, max: field.maxLength })}
        </p>
      )}
      {active ? (
        <div className="ff-keys" data-keys-for={field.name}>
          <HangulKeyboard ime={ime.current} onChange={set} layout={layout(lang)} onLayout={(l) => setLayout(lang, l)} chosung={false} onChosung={() => {}} chosungKey={false} />
        </div>
      ) : (
        <KeysButton onClick={onActivate} label={label} />
      )}
    </>
  );
}

/** "글자판 열기": the keyboard moves to this field. */
function KeysButton({ onClick, label }: { onClick: () => void; label: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="tool ff-open-keys" onMouseDown={keepFocus} onClick={onClick} data-open-keys="">
      {t('apply.openKeys', { field: label })}
    </button>
  );
}

/** A phone number on the number pad, shown with its dashes as it is typed. */
function PhoneControl({ problems, id, value, onChange, active, onActivate, label, a11y }: TypedProps & { value: string; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const digits = digitsOnly(value, PHONE_DIGITS);
  const set = (d: string) => onChange(d === '' ? undefined : phoneShown(d));
  return (
    <>
      <input
        id={id}
        className="ff-input ff-digits"
        type="tel"
        inputMode="none"
        autoComplete="off"
        placeholder={t('apply.phoneExample')}
        value={value}
        onFocus={onActivate}
        onClick={onActivate}
        onChange={(e) => set(digitsOnly(e.target.value, PHONE_DIGITS))}
        {...a11y}
      />
      {problems}
      {active ? (
        <div className="ff-keys" data-keys-for="phone">
          <NumberPad value={digits} onChange={set} maxLength={PHONE_DIGITS} label={t('apply.padFor', { field: label })} />
        </div>
      ) : (
        <KeysButton onClick={onActivate} label={label} />
      )}
    </>
  );
}

/** A whole number on the number pad (an age, a count, hours). */
function NumberControl({ problems, id, field, value, onChange, active, onActivate, label, a11y }: TypedProps & { field: FormField; value: unknown; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const max = String(field.max ?? 999).length;
  const digits = typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const set = (d: string) => onChange(d === '' ? undefined : Number(d));
  return (
    <>
      <input id={id} className="ff-input ff-digits ff-number" type="text" inputMode="none" autoComplete="off" value={digits} onFocus={onActivate} onClick={onActivate} onChange={(e) => set(digitsOnly(e.target.value, max))} {...a11y} />
      {problems}
      {active ? (
        <div className="ff-keys" data-keys-for={field.name}>
          <NumberPad value={digits} onChange={set} maxLength={max} label={t('apply.padFor', { field: label })} />
        </div>
      ) : (
        <KeysButton onClick={onActivate} label={label} />
      )}
    </>
  );
}

function Options({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <div className={`ff-options ${className}`}>{children}</div>;
}

function OptionButton({ pressed, onClick, data, children, lang }: { pressed: boolean; onClick: () => void; data: string; children: ReactNode; lang?: string }) {
  return (
    <button type="button" className="answer ff-option" aria-pressed={pressed} onClick={onClick} data-option={data} lang={lang}>
      {children}
    </button>
  );
}

/** One of the options (choice), or any of them (choices). */
function ChoiceControl({ field, value, onChange }: { field: FormField; value: unknown; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const many = field.kind === 'choices';
  const chosen = many ? (Array.isArray(value) ? (value as string[]) : []) : [];
  return (
    <Options className={(field.options?.length ?? 0) > 4 ? 'ff-many' : ''}>
      {(field.options ?? []).map((o) => {
        const pressed = many ? chosen.includes(o.value) : value === o.value;
        const pick = () => {
          if (!many) return onChange(o.value);
          const next = pressed ? chosen.filter((x) => x !== o.value) : [...chosen, o.value];
          onChange(next.length ? next : undefined);
        };
        return (
          <OptionButton key={o.value} pressed={pressed} onClick={pick} data={o.value} lang={o.label?.lang}>
            {o.label?.text ?? t(`forms.option.${field.name}.${o.value}`)}
          </OptionButton>
        );
      })}
    </Options>
  );
}

const thisYear = () => new Date().getFullYear();

/** A month (YYYY-MM): the year with big − and + buttons, then the twelve months as buttons. */
function MonthPicker({ value, onChange }: { value: string; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  const [year, setYear] = useState(m ? Number(m[1]) : thisYear());
  const month = m ? Number(m[2]) : null;
  const chooseYear = (y: number) => {
    setYear(y);
    if (month !== null) onChange(`${y}-${String(month).padStart(2, '0')}`);
  };
  return (
    <div className="ff-month">
      <div className="ff-stepper" role="group" aria-label={t('apply.year')}>
        <button type="button" className="tool ff-step" onClick={() => chooseYear(year - 1)} aria-label={t('apply.yearLess')} data-year-step="-1">
          −
        </button>
        <span className="ff-step-value" aria-live="polite" data-year={year}>
          {t('apply.yearShown', { year })}
        </span>
        <button type="button" className="tool ff-step" onClick={() => chooseYear(year + 1)} disabled={year >= thisYear()} aria-label={t('apply.yearMore')} data-year-step="1">
          +
        </button>
      </div>
      <div className="ff-options ff-months">
        {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
          <OptionButton key={n} pressed={month === n && m?.[1] === String(year)} onClick={() => onChange(`${year}-${String(n).padStart(2, '0')}`)} data={String(n)}>
            {monthName(n, lang)}
          </OptionButton>
        ))}
      </div>
      {m && (
        <p className="ff-chosen" data-chosen={value}>
          {t('apply.chosen', { value: monthShown(value, lang) })}
        </p>
      )}
    </div>
  );
}

const WEEK = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** A day (YYYY-MM-DD): a month's calendar of big day buttons, with the previous and next month. */
function DayPicker({ value, onChange }: { value: string; onChange: (d: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = koreaDay();
  const start = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : today;
  const [shown, setShown] = useState({ y: Number(start.slice(0, 4)), m: Number(start.slice(5, 7)) });
  const first = new Date(shown.y, shown.m - 1, 1, 12);
  const lead = (first.getDay() + 6) % 7; // Monday first
  const days = new Date(shown.y, shown.m, 0).getDate();
  const move = (n: number) => {
    const d = new Date(shown.y, shown.m - 1 + n, 1, 12);
    setShown({ y: d.getFullYear(), m: d.getMonth() + 1 });
  };
  const ym = `${shown.y}-${String(shown.m).padStart(2, '0')}`;
  return (
    <div className="ff-day">
      <div className="ff-stepper ff-cal-head">
        <button type="button" className="tool ff-step" onClick={() => move(-1)} data-cal="prev">
          ‹ {t('apply.calPrev')}
        </button>
        <span className="ff-step-value" aria-live="polite" data-cal-month={ym}>
          {monthShown(ym, lang)}
        </span>
        <button type="button" className="tool ff-step" onClick={() => move(1)} data-cal="next">
          {t('apply.calNext')} ›
        </button>
      </div>
      <div className="ff-cal" role="group" aria-label={monthShown(ym, lang)}>
        {WEEK.map((d) => (
          <span key={d} className={`ff-cal-dow ${d === 'SU' ? 'sun' : ''}`} aria-hidden="true">
            {t(`day.${d}`)}
          </span>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <span key={`lead-${i}`} aria-hidden="true" />
        ))}
        {Array.from({ length: days }, (_, i) => {
          const iso = `${ym}-${String(i + 1).padStart(2, '0')}`;
          return (
            <button key={iso} type="button" className={`ff-cal-day${iso === today ? ' today' : ''}${iso < today ? ' past' : ''}`} aria-pressed={iso === value} onClick={() => onChange(iso)} data-day={iso}>
              {i + 1}
              <span className="sr"> — {dayShown(iso, lang)}</span>
            </button>
          );
        })}
      </div>
      {value && (
        <p className="ff-chosen" data-chosen={value}>
          {t('apply.chosen', { value: dayShown(value, lang) })}
        </p>
      )}
    </div>
  );
}

const ALL_HOURS = Array.from({ length: 24 }, (_, i) => i);

/** The hours a form's visits can be in: from a figure that states opening and closing times (hospital care's 08:00–20:00), else the whole day. */
function hoursOf(view: FormView): number[] {
  for (const f of view.facts) {
    const { opens, closes } = f.values;
    if (typeof opens === 'string' && typeof closes === 'string' && /^\d{2}:\d{2}$/.test(opens) && /^\d{2}:\d{2}$/.test(closes)) {
      const [a, b] = [Number(opens.slice(0, 2)), Number(closes.slice(0, 2))];
      if (a < b) return Array.from({ length: b - a + 1 }, (_, i) => a + i).filter((h) => h < 24);
    }
  }
  return ALL_HOURS;
}

type Opening = NonNullable<NonNullable<FormField['options']>[number]['open']>[number];
const WEEK_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** 0 = Monday … 6 = Sunday, of a YYYY-MM-DD day */
const weekdayOf = (iso: string): number => (new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7;
const hourOf = (hhmm: string): number => Number(hhmm.slice(0, 2));

/** The hours of a day a centre is open at (its own day's spans, and the morning of a night that began the day before). */
export function openHoursOn(open: readonly Opening[], date: string): number[] {
  const d = weekdayOf(date);
  const today = WEEK_DAYS[d]!;
  const yesterday = WEEK_DAYS[(d + 6) % 7]!;
  const hours = new Set<number>();
  for (const o of open) {
    const [from, to] = [hourOf(o.opensAt), o.closesAt === '24:00' ? 24 : hourOf(o.closesAt)];
    if (o.byday.includes(today)) for (let h = from; h < (o.overnight ? 24 : to); h++) hours.add(h);
    if (o.overnight && o.byday.includes(yesterday)) for (let h = 0; h < to; h++) hours.add(h);
  }
  return [...hours].sort((a, b) => a - b);
}

/** The hours a slot may start at: those the chosen centre is open on the chosen day (every hour until both are chosen). */
function centreHours(view: FormView, centre: string | undefined, date: string | undefined): number[] {
  const open = view.fields.find((f) => f.name === 'centre')?.options?.find((o) => o.value === centre)?.open;
  if (!open || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return ALL_HOURS;
  return openHoursOn(open, date);
}

/** A time on the hour or the half hour: the hour as a big button, then 정각 or 30분. */
function TimePicker({ label, value, onChange, hours, name }: { label: string; value: string | undefined; onChange: (v: string) => void; hours: number[]; name: string }) {
  const { t } = useTranslation();
  const m = value ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  const hour = m ? Number(m[1]) : null;
  const minute = m ? m[2]! : '00';
  const at = (h: number, mm: string) => `${String(h).padStart(2, '0')}:${mm}`;
  return (
    <div className="ff-time" role="group" aria-label={label} data-time={name}>
      <p className="ff-time-label">
        {label}: <strong data-time-value={value ?? ''}>{value ?? t('apply.notChosen')}</strong>
      </p>
      <div className="ff-options ff-hours">
        {hours.map((h) => (
          <button key={h} type="button" className="answer ff-option ff-hour" aria-pressed={hour === h} onClick={() => onChange(at(h, minute))} data-hour={String(h).padStart(2, '0')}>
            {t('apply.hour', { hour: h })}
          </button>
        ))}
      </div>
      <div className="ff-options ff-minutes">
        {(['00', '30'] as const).map((mm) => (
          <button key={mm} type="button" className="answer ff-option" aria-pressed={hour !== null && minute === mm} disabled={hour === null} onClick={() => hour !== null && onChange(at(hour, mm))} data-minute={mm}>
            {t(mm === '00' ? 'apply.minute00' : 'apply.minute30')}
          </button>
        ))}
      </div>
    </div>
  );
}

/** One day with its start and end time; `overnight`: an end at or before the start is the next day. */
function SlotEditor({ slot, onChange, hours: hoursFor, overnight = false }: { slot: Slot; onChange: (s: Slot) => void; hours: number[] | ((date: string | undefined) => number[]); overnight?: boolean }) {
  const { t } = useTranslation();
  const set = (k: keyof Slot, v: string) => onChange({ ...slot, [k]: v });
  const hours = typeof hoursFor === 'function' ? hoursFor(slot.date) : hoursFor;
  if (!hours.length)
    return (
      <div className="ff-slot">
        <DayPicker value={slot.date ?? ''} onChange={(d) => set('date', d)} />
        <p className="note" role="status" data-closed-day="">
          {t('apply.closedDay')}
        </p>
      </div>
    );
  return (
    <div className="ff-slot">
      <DayPicker value={slot.date ?? ''} onChange={(d) => set('date', d)} />
      <TimePicker name="start" label={t('apply.start')} value={slot.start} onChange={(v) => set('start', v)} hours={hours} />
      <TimePicker name="end" label={t('apply.end')} value={slot.end} onChange={(v) => set('end', v)} hours={overnight ? hours : hours.filter((h) => !slot.start || h >= Number(slot.start.slice(0, 2)))} />
      {overnight && slot.start && slot.end && slot.end <= slot.start && (
        <p className="hint" data-next-day="">
          {t('apply.nextDay', { time: slot.end })}
        </p>
      )}
    </div>
  );
}

/** What a slot says in one line: 2026년 3월 4일 (수) 09:00–13:00. */
export function slotLine(s: Slot, lang: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const date = s.date ? dayShown(s.date, lang) : t('apply.notChosen');
  return `${date} ${s.start ?? '?'}–${s.end ?? '?'}`;
}

/** Days of care, each a day with its hours: one open to change, the others as a line with 바꾸기 and 빼기. */
function VisitsControl({ value, onChange, hours }: { value: Slot[]; onChange: (v: unknown) => void; hours: number[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = value.length ? value : [{}];
  const [open, setOpen] = useState(list.length - 1);
  const set = (i: number, s: Slot) => onChange(list.map((v, j) => (j === i ? s : v)));
  const remove = (i: number) => {
    const next = list.filter((_, j) => j !== i);
    onChange(next.length ? next : undefined);
    setOpen(Math.max(0, next.length - 1));
  };
  return (
    <div className="ff-visits">
      <ol className="ff-visit-list">
        {list.map((v, i) => (
          <li key={i} className="ff-visit" data-visit={i}>
            <p className="ff-visit-head">
              <strong>{t('apply.visitN', { n: i + 1 })}</strong>
              {open !== i && <span data-visit-line=""> {slotLine(v, lang, t)}</span>}
            </p>
            {open === i ? (
              <SlotEditor slot={v} onChange={(s) => set(i, s)} hours={hours} />
            ) : (
              <div className="ff-visit-actions">
                <button type="button" className="tool" onClick={() => setOpen(i)} data-visit-edit={i}>
                  {t('apply.change')}
                </button>
                <button type="button" className="tool" onClick={() => remove(i)} data-visit-remove={i}>
                  {t('apply.visitRemove')}
                </button>
              </div>
            )}
            {open === i && list.length > 1 && (
              <button type="button" className="tool" onClick={() => remove(i)} data-visit-remove={i}>
                {t('apply.visitRemove')}
              </button>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="action-button ff-visit-add"
        onClick={() => {
          onChange([...list, {}]);
          setOpen(list.length);
        }}
        data-visit-add=""
      >
        + {t('apply.visitAdd')}
      </button>
    </div>
  );
}

/** Catalogue entries (a counsellor's "services explained"): the chosen ones, and a search on the keyboard to add more. */
function EntriesControl({ id, value, onChange, active, onActivate, label }: { id: string; value: string[]; onChange: (v: unknown) => void; active: boolean; onActivate: () => void; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { layout, setLayout } = useSearchInput();
  const [ime, setIme] = useState<ImeState>(fromText(''));
  const [chosung, setChosung] = useState(false);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const query = display(ime);
  useEffect(() => {
    if (!query.trim()) return setHits([]);
    const ctl = new AbortController();
    api.search({ query, limit: 6, lang }, { signal: ctl.signal }).then(
      (r) => setHits(r.hits),
      () => undefined,
    );
    return () => ctl.abort();
  }, [query, lang]);
  // titles of chosen entries this screen has not seen in a search (a draft opened again)
  useEffect(() => {
    for (const e of value)
      if (!(e in titles))
        api.entry({ id: e, lang }).then(
          (x) => setTitles((m) => ({ ...m, [e]: x.title.text })),
          () => setTitles((m) => ({ ...m, [e]: e })),
        );
  }, [value, titles, lang]);
  const add = (h: SearchHit) => {
    setTitles((m) => ({ ...m, [h.id]: h.title.text }));
    if (!value.includes(h.id)) onChange([...value, h.id]);
  };
  const remove = (e: string) => {
    const next = value.filter((x) => x !== e);
    onChange(next.length ? next : undefined);
  };
  return (
    <div className="ff-entries">
      {value.length > 0 && (
        <ul className="chips" aria-label={t('apply.entriesChosen')}>
          {value.map((e) => (
            <li key={e}>
              <button type="button" className="chip" onClick={() => remove(e)} aria-label={t('apply.entriesRemove', { title: titles[e] ?? e })} data-entry-chosen={e}>
                {titles[e] ?? e} ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={id} className="hint">
        {t('apply.entriesSearch')}
      </label>
      <input id={id} className="ff-input" type="search" inputMode="none" autoComplete="off" value={query} onFocus={onActivate} onClick={onActivate} onChange={(e) => setIme(fromText(e.target.value))} />
      {hits.length > 0 && (
        <ul className="chips" aria-label={t('apply.entriesFound')}>
          {hits.map((h) => (
            <li key={h.id}>
              <button type="button" className="chip" aria-pressed={value.includes(h.id)} onClick={() => add(h)} data-entry-hit={h.id}>
                <span lang={h.title.lang}>{h.title.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {active ? (
        <div className="ff-keys" data-keys-for="entries">
          <HangulKeyboard ime={ime} onChange={setIme} layout={layout(lang)} onLayout={(l) => setLayout(lang, l)} chosung={chosung} onChosung={setChosung} />
        </div>
      ) : (
        <KeysButton onClick={onActivate} label={label} />
      )}
    </div>
  );
}

/**
 * The consent text of a form (forms.consent.*): why the data is asked for, which items (the
 * form's fields), how long it is kept, what refusing means, never a 주민등록번호, sealed at once.
 * The apply screen shows it as its first step; a form with a consent field among others shows it there.
 */
export function ConsentDetails({ view, level = 2 }: { view: FormView; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = level === 2 ? 'h2' : 'h3';
  const items = view.fields.filter((f) => f.kind !== 'consent').map((f) => t(`forms.field.${f.name}`));
  // a counsellor's visit log or survey: refusing means no record (not "apply elsewhere"), and its drafts are locked with the counsellor's PIN
  const outreach = view.service.startsWith('outreach-');
  return (
    <div className="consent-details" data-consent-version={view.consentVersion}>
      <section className="consent-part" data-consent="purpose">
        <H>{t('forms.consent.purposeLabel')}</H>
        <p>{t(`forms.consent.purpose.${view.service}`)}</p>
      </section>
      <section className="consent-part" data-consent="items">
        <H>{t('forms.consent.itemsLabel')}</H>
        <p>{items.join(', ')}</p>
      </section>
      <section className="consent-part" data-consent="kept">
        <H>{t('forms.consent.keptLabel')}</H>
        <p>{t('forms.consent.kept')}</p>
      </section>
      <section className="consent-part" data-consent="refuse">
        <H>{t('forms.consent.refuseLabel')}</H>
        <p>{t(outreach ? 'forms.consent.refuseOutreach' : 'forms.consent.refuse')}</p>
      </section>
      <ul className="consent-promises">
        <li data-consent="never">{t('forms.consent.never')}</li>
        <li data-consent="sealed">{t(outreach ? 'forms.consent.sealedOutreach' : 'forms.consent.sealed')}</li>
      </ul>
    </div>
  );
}
