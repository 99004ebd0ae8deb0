/**
 * 나에게 맞는 지원 찾기: up to 8 questions, one per screen, big buttons, progress, back and
 * "잘 모르겠어요"; then the results in three groups, each with a reason per condition.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { LoadFailed } from '../components/LoadFailed';
import { PrintFailed, useHtmlPrint } from '../components/PrintSheet';
import { useApi } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { QUESTIONS, applicable, householdSize, incomeLimits, optionsFor, ticked, ticksAnswer, toSituation, type Answers, type Question, type Ticks } from '../../../core/contract/questionnaire';
import { arrangeFindings, itemCount, type Item } from '../../../core/contract/findings';
import { MEDIAN_INCOME } from '../../../core/contract/median-income';
import { useFinderAnswers, useNav } from '../session';
import type { Finding, Lang } from '../../../core/contract/kiosk-api';
import type { ForGroup } from '../../../core/contract/lists';
import { toolbarCover } from '../lib/toolbar-fit';
import { LabelCount } from '../components/LabelCount';

/** A monthly amount in won as people say it: 649만 원 in Korean, 649万韩元 in Chinese, ₩6,494,000 otherwise (rounded down: these are upper limits). */
function won(n: number, lang: Lang): string {
  if (lang === 'ko') return `${Math.floor(n / 10_000).toLocaleString('ko-KR')}만 원`;
  if (lang === 'zh') return `${Math.floor(n / 10_000).toLocaleString('zh-CN')}万韩元`;
  return `₩${(Math.floor(n / 1000) * 1000).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')}`;
}

export function Finder() {
  const { answers, setAnswers, step, setStep } = useFinderAnswers();
  /** a question opened from the results' 답하신 내용 (고치기): answering it goes back to the results */
  const [changing, setChanging] = useState(false);
  const { setStepBack } = useNav();
  const questions = QUESTIONS.filter((q) => applicable(q, answers));
  const q = questions[step];
  // The toolbar's 뒤로 (and Esc) goes to the previous question; from the first one it leaves the finder.
  const previous = q ? (step > 0 ? step - 1 : null) : questions.length > 0 ? questions.length - 1 : null;
  useEffect(() => {
    setStepBack(previous === null ? null : () => (setStep(previous), true));
    return () => setStepBack(null);
  }, [previous, setStep, setStepBack]);
  // Each question (and the results) is a new screen for someone using a keyboard or a screen reader: focus its heading.
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return; // the first one: the kiosk has focused the screen's heading
    shown.current = step;
    const heading = document.querySelector<HTMLElement>('main .finder [data-question], main .finder.results h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }, [step]);
  if (!q)
    return (
      <Results
        answers={answers}
        questions={questions}
        onRestart={() => (setAnswers({}), setStep(0))}
        onBack={() => setStep(questions.length - 1)}
        onChange={(i) => (setChanging(true), setStep(i))}
      />
    );
  const answer = (value: Answers[keyof Answers] | undefined, more: Partial<Answers> = {}) => {
    const next = { ...answers, [q.id]: value, ...more };
    if (value === undefined) delete next[q.id];
    setAnswers(next);
    // one answer changed from the results (고치기): straight back to them
    setStep(changing ? QUESTIONS.length : step + 1);
    setChanging(false);
  };
  const frame = { step, total: questions.length, onAnswer: answer, onBack: step > 0 ? () => setStep(step - 1) : undefined };
  if (q.id === 'income') return <IncomeQuestion {...frame} answers={answers} />;
  // keyed by the step: coming back to the question starts from the ticks given then
  if (q.multi) return <TickQuestion key={step} {...frame} q={q} answers={answers} />;
  return <QuestionScreen {...frame} q={q} current={answers[q.id]} />;
}

interface Frame {
  step: number;
  total: number;
  onAnswer: (value: Answers[keyof Answers] | undefined, more?: Partial<Answers>) => void;
  onBack?: () => void;
}

/**
 * One question on its own screen: progress, the question, a big button per answer and 잘 모르겠어요, and the previous question.
 * `options` stands in for the answer buttons (the multi-choice question's ticks).
 */
function QuestionScreen({ q, current, step, total, onAnswer, onBack, labelArgs, children, options, after, next }: Frame & { q: Question; current?: Answers[keyof Answers]; labelArgs?: Record<string, string>; children?: ReactNode; options?: ReactNode; after?: ReactNode; next?: ReactNode }) {
  const { t } = useTranslation();
  const answers = useRef<HTMLUListElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const below = useHiddenBelow(answers, bar);
  return (
    <div className="finder question">
      <header className="finder-head">
        <h1>{t('finder.title')}</h1>
        <p className="progress" aria-label={t('finder.progressLabel', { n: step + 1, total })}>
          <progress max={total} value={step + 1} /> {step + 1} / {total}
        </p>
      </header>
      <h2 data-question={q.id}>{t(`finder.q.${q.id}`)}</h2>
      {children}
      <ul ref={answers} className={q.multi ? 'answers ticks' : 'answers'}>
        {options ??
          q.options.map((o) => (
            <li key={o.key}>
              <button type="button" className="answer" aria-pressed={JSON.stringify(current) === JSON.stringify(o.value)} onClick={() => onAnswer(o.value)} data-answer={o.key}>
                {t(`finder.a.${q.id}.${o.key}`, labelArgs)}
              </button>
            </li>
          ))}
        <li>
          <button type="button" className="answer unsure" onClick={() => onAnswer(undefined)} data-answer="unsure">
            {t('finder.unsure')}
          </button>
        </li>
      </ul>
      {after}
      {/* 이전 and 다음 always on screen: the bar follows the answers, and stays at the bottom of the window while answers go on below it (styles.css: .finder-bar) */}
      <div ref={bar} className="finder-bar" data-finder-bar="">
        {onBack && (
          <button type="button" className="tool back" onClick={onBack} data-finder="back">
            {t('finder.previous')}
          </button>
        )}
        {below && (
          <button type="button" className="tool more-below" onClick={() => showBelow(answers.current, bar.current)} data-finder="more-below">
            <span aria-hidden="true">↓</span> {t('finder.moreBelow')}
          </button>
        )}
        {next}
      </div>
    </div>
  );
}

/** The top of what covers the window's bottom (the bar, stuck there), or the window's bottom. */
const visibleBottom = (bar: HTMLElement | null) => Math.min(window.innerHeight, bar?.getBoundingClientRect().top ?? Infinity);

/**
 * Whether answers lie below what the window shows (at 200 % on a laptop, in a long language): the
 * bar then says so with a button, a visible way to them besides scrolling.
 */
function useHiddenBelow(list: RefObject<HTMLElement | null>, bar: RefObject<HTMLElement | null>): boolean {
  const [below, setBelow] = useState(false);
  useLayoutEffect(() => {
    const check = () => {
      const last = list.current?.lastElementChild;
      setBelow(!!last && last.getBoundingClientRect().bottom > visibleBottom(bar.current) + 1);
    };
    check();
    const observer = new ResizeObserver(check);
    if (list.current) observer.observe(list.current);
    window.addEventListener('scroll', check, { passive: true });
    window.addEventListener('resize', check);
    return () => (observer.disconnect(), window.removeEventListener('scroll', check), window.removeEventListener('resize', check));
  }, [list, bar]);
  return below;
}

/** Scrolls on by what the window shows between the toolbar and the bar, less a little to read on from. */
function showBelow(list: HTMLElement | null, bar: HTMLElement | null) {
  const top = toolbarCover();
  const last = list?.lastElementChild?.getBoundingClientRect().bottom ?? 0;
  const by = Math.min(visibleBottom(bar) - top - 48, last - visibleBottom(bar) + 16);
  window.scrollBy({ top: Math.max(by, 1) });
}

/** The income question in won, for the household's size (from the answers; the person can change it), with whose income is meant. */
function IncomeQuestion({ answers, ...frame }: Frame & { answers: Answers }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [size, setSize] = useState(() => answers.householdSize ?? householdSize(answers));
  const amounts = incomeAmounts(size, lang);
  return (
    <QuestionScreen {...frame} onAnswer={(v) => frame.onAnswer(v, { householdSize: size })} q={QUESTIONS.find((x) => x.id === 'income')!} current={answers.income} labelArgs={amounts} after={<p className="hint small-print">{t('finder.incomeSource', { year: MEDIAN_INCOME.year })}</p>}>
      <p className="hint">{t(answers.role === 'grandparent' ? 'finder.incomeWhoseGrandchild' : 'finder.incomeWhose')}</p>
      <div className="household-size" role="group" aria-label={t('finder.householdSize', { n: size })}>
        <button type="button" className="tool" onClick={() => setSize(Math.max(1, size - 1))} disabled={size <= 1} aria-label={t('finder.sizeFewer')} data-size="fewer">
          −
        </button>
        <span aria-live="polite" data-size-now={size}>
          {t('finder.householdSize', { n: size })}
        </span>
        <button type="button" className="tool" onClick={() => setSize(Math.min(10, size + 1))} disabled={size >= 10} aria-label={t('finder.sizeMore')} data-size="more">
          +
        </button>
      </div>
    </QuestionScreen>
  );
}

/** The income question's amounts for a household of `size`, as its answers say them. */
function incomeAmounts(size: number, lang: Lang): Record<string, string> {
  const l = incomeLimits(size);
  return { p50: won(l.p50, lang), p100: won(l.p100, lang), p150: won(l.p150, lang) };
}

/**
 * "이 중에 해당하는 것이 있나요? (모두 고르세요)": a toggle button per option, ticked with a ✔ in its box (not by
 * colour alone), then 다음; 해당하는 것이 없어요 answers that none applies (no ticks); 잘 모르겠어요 leaves it all unknown.
 */
function TickQuestion({ q, answers, ...frame }: Frame & { q: Question; answers: Answers }) {
  const { t } = useTranslation();
  const ticks = optionsFor(q, answers)
    .map((o) => o.key)
    .filter((k) => k !== 'none');
  const before: Ticks | undefined = answers.circumstances;
  const [on, setOn] = useState<string[]>(() => ticks.filter((k) => before?.[k as keyof Ticks] === true));
  const answeredNone = before !== undefined && !ticks.some((k) => before[k as keyof Ticks]);
  // ticks stay in the order the options are shown
  const toggle = (k: string) => setOn((now) => ticks.filter((x) => (x === k ? !now.includes(k) : now.includes(x))));
  const options = (
    <>
      {ticks.map((k) => (
        <li key={k}>
          <button type="button" className="answer tick" aria-pressed={on.includes(k)} onClick={() => toggle(k)} data-answer={k}>
            <span className="box" aria-hidden="true">
              {on.includes(k) ? '✔' : ''}
            </span>
            <span>{t(`finder.a.${q.id}.${k}`)}</span>
          </button>
        </li>
      ))}
      <li>
        <button type="button" className="answer" aria-pressed={answeredNone && on.length === 0} onClick={() => (setOn([]), frame.onAnswer(ticksAnswer(ticks, [])))} data-answer="none">
          {t(`finder.a.${q.id}.none`)}
        </button>
      </li>
    </>
  );
  const next = (
    <button type="button" className="action-button next" disabled={on.length === 0} onClick={() => frame.onAnswer(ticksAnswer(ticks, on))} data-finder="next">
      {t('finder.next')} <span aria-hidden="true">→</span>
    </button>
  );
  return (
    <QuestionScreen {...frame} q={q} options={options} next={next}>
      <p className="hint">{t('finder.pickHint')}</p>
    </QuestionScreen>
  );
}

/** How many "확인이 필요해요" items show before "더 보기": a grandmother in 북구 had 31, most for situations not hers. */
const UNKNOWN_FIRST = 8;

function Results({ answers, questions, onRestart, onBack, onChange }: { answers: Answers; questions: Question[]; onRestart: () => void; onBack: () => void; onChange: (step: number) => void }) {
  const { t } = useTranslation();
  const { go } = useNav();
  const lang = useLang();
  const situation = useMemo(() => toSituation(answers), [answers]);
  const r = useApi((signal) => api.eligible({ situation, lang }, { signal }), [situation, lang]);
  // The personal summary, built by the core from the same situation: the results only — no name, no contact.
  const summary = useHtmlPrint(t('print.summaryTitle'));
  const arranged = useMemo(() => (r.data ? arrangeFindings(r.data.findings) : undefined), [r.data]);
  // the closest matches to check first; the rest (programs for other situations as well) one tap away
  const [allUnknown, setAllUnknown] = useState(false);
  // "다문화가족을 위한 지원 6개 보기": the whole list opened at the first program for that group, which comes last
  const [jump, setJump] = useState<{ group: ForGroup; n: number } | null>(null);
  useEffect(() => {
    if (!jump) return;
    const card = document.querySelector<HTMLElement>(`[data-group="unknown"] [data-for-group="${jump.group}"]`)?.closest<HTMLElement>('[data-finding]');
    if (!card) return;
    // just below the toolbar, which stays on top of the page
    const bar = toolbarCover();
    window.scrollTo({ top: window.scrollY + card.getBoundingClientRect().top - bar - 12 });
    card.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  }, [jump]);
  const open = (id: string) => go({ name: 'entry', id });
  return (
    <div className="finder results">
      <h1>{t('finder.resultsTitle')}</h1>
      <p className="hint">{t('finder.resultsHint')}</p>
      <Ticked situation={situation} />
      <YourAnswers answers={answers} questions={questions} onChange={onChange} />
      <div className="entry-actions">
        <button type="button" className="tool" onClick={onBack}>
          {t('finder.previous')}
        </button>
        <button type="button" className="tool" onClick={onRestart} data-finder="restart">
          {t('finder.restart')}
        </button>
        <button type="button" className="action-button" onClick={() => void summary.run(() => api.summary({ situation, lang }))} disabled={summary.busy} data-print="summary">
          {t('print.sheet')}
        </button>
        <button type="button" className="action-button" onClick={() => void summary.run(() => api.summary({ situation, lang, large: true }))} disabled={summary.busy} data-print="summary-large">
          {t('print.large')}
        </button>
      </div>
      <PrintFailed error={summary.error} />
      {summary.root}
      {r.error && <LoadFailed error={r.error} onRetry={r.retry} />}
      {r.loading && !arranged && <p>{t('loading')}</p>}
      {arranged && (
        <>
          {(
            [
              ['eligible', 'finder.eligible', arranged.eligible],
              ['unknown', 'finder.unknown', arranged.unknown],
            ] as const
          ).map(([result, label, items]) => (
            <section key={result} className={`result-group ${result}`} data-group={result}>
              <h2>
                <LabelCount label={t(label)} n={itemCount(items)} />
              </h2>
              {result === 'unknown' && items.length > 0 && <p className="hint">{t('finder.unknownHint')}</p>}
              {result === 'unknown' && forGroupCounts(items).length > 0 && (
                <ul className="chips for-groups" aria-label={t('finder.forGroupsLabel')}>
                  {forGroupCounts(items).map(({ group, count }) => (
                    <li key={group}>
                      <button type="button" className="chip" data-jump-group={group} onClick={() => (setAllUnknown(true), setJump((j) => ({ group, n: (j?.n ?? 0) + 1 })))}>
                        {t(`finder.forGroupJump.${group}`, { count })}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <ul className="entry-list">
                {(result === 'unknown' && !allUnknown ? items.slice(0, UNKNOWN_FIRST) : items).map((i) => (
                  <ItemCard key={i.kind === 'one' ? i.finding.id : i.group} item={i} onOpen={open} />
                ))}
              </ul>
              {result === 'unknown' && !allUnknown && items.length > UNKNOWN_FIRST && (
                <button type="button" className="action-button more" onClick={() => setAllUnknown(true)} data-more="unknown">
                  {t('finder.moreUnknown', { count: itemCount(items.slice(UNKNOWN_FIRST)) })}
                </button>
              )}
            </section>
          ))}
          {arranged.eligible.length + arranged.unknown.length === 0 && <p>{t('finder.none')}</p>}
          {arranged.notEligible.length > 0 && (
            <details className="result-group not_eligible" data-group="not_eligible">
              <summary>
                <LabelCount label={t('finder.notEligible')} n={arranged.notEligible.length} /> — {t('finder.showNotEligible')}
              </summary>
              <ul className="entry-list">
                {arranged.notEligible.map((f) => (
                  <FindingCard key={f.id} f={f} onOpen={() => open(f.id)} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

/** The answers' summary: what was ticked in "이 중에 해당하는 것이 있나요?" (nothing when it was not answered). */
function Ticked({ situation }: { situation: ReturnType<typeof toSituation> }) {
  const { t } = useTranslation();
  const said = ticked(situation);
  if (!said) return null;
  return (
    <p className="ticked" data-ticked={said.join(' ')}>
      <strong>{t('finder.ticked')}:</strong> {said.map((k) => t(`finder.short.${k}`)).join(' · ')}
    </p>
  );
}

/**
 * 답하신 내용: every question asked and the answer given (잘 모르겠어요 where none was), folded
 * under one line so the results stay near the top; 고치기 opens that question, and answering it
 * comes straight back here — a mis-tap (광산구 for 북구) is mended without going through them all.
 */
function YourAnswers({ answers, questions, onChange }: { answers: Answers; questions: Question[]; onChange: (step: number) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const said = (q: Question): string => {
    const v = answers[q.id];
    if (v === undefined) return t('finder.unsure');
    if (q.multi) {
      const on = ticked(toSituation(answers));
      return (on ?? ['none']).map((k) => t(`finder.short.${k}`)).join(' · ');
    }
    const o = q.options.find((x) => JSON.stringify(x.value) === JSON.stringify(v));
    if (!o) return t('finder.unsure');
    return t(`finder.a.${q.id}.${o.key}`, q.id === 'income' ? incomeAmounts(answers.householdSize ?? householdSize(answers), lang) : undefined);
  };
  return (
    <details className="finder-answers" data-finder="answers">
      <summary>{t('finder.yourAnswers', { count: questions.length })}</summary>
      <ol>
        {questions.map((q, i) => (
          <li key={q.id} data-answered={q.id}>
            <span className="finder-answer-q">{t(`finder.q.${q.id}`)}</span>
            <strong className="finder-answer-a">{said(q)}</strong>
            <button type="button" className="tool" onClick={() => onChange(i)} data-change={q.id} aria-label={t('finder.changeLabel', { question: t(`finder.q.${q.id}`) })}>
              {t('finder.change')}
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}

function ItemCard({ item, onOpen }: { item: Item; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  if (item.kind === 'one') return <FindingCard f={item.finding} onOpen={() => onOpen(item.finding.id)} />;
  return (
    <li className="choice" data-choice={item.group}>
      <h3>{t('finder.choice')}</h3>
      <ul className="entry-list">
        {item.options.map((f) => (
          <FindingCard key={f.id} f={f} onOpen={() => onOpen(f.id)} />
        ))}
      </ul>
    </li>
  );
}

/** How many programs of the list are only for each group of families (in the order the groups come). */
function forGroupCounts(items: readonly Item[]): { group: ForGroup; count: number }[] {
  const counts = new Map<ForGroup, number>();
  for (const i of items) if (i.kind === 'one' && i.finding.forGroup) counts.set(i.finding.forGroup, (counts.get(i.finding.forGroup) ?? 0) + 1);
  return [...counts].map(([group, count]) => ({ group, count }));
}

function FindingCard({ f, onOpen }: { f: Finding; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <li className={`finding ${f.result}`} data-finding={f.id}>
      {f.choice && (
        <p className="choice-label" lang={f.choice.label.lang}>
          {f.choice.label.text}
        </p>
      )}
      {f.forGroup && (
        <p className="for-group" data-for-group={f.forGroup}>
          {t(`finder.forGroup.${f.forGroup}`)}
        </p>
      )}
      <h3 lang={f.title.lang}>{f.title.text}</h3>
      {f.amount && (
        <p className="amount" data-amount>
          <span lang={f.amount.text.lang}>{f.amount.text.text}</span> <span className="year">({t('finder.amountYear', { year: f.amount.year })})</span>
          {!f.amount.current && (
            <span className="stale" data-stale>
              {' '}
              {f.amount.until ? t('entry.amountExpired', { until: f.amount.until }) : t('entry.amountOld', { year: f.amount.year })}
            </span>
          )}
        </p>
      )}
      {f.phone && (
        <p className="call" data-phone={f.phone.number}>
          {t('finder.call')}: <strong>{f.phone.number}</strong>
          {f.phone.label && <span lang={f.phone.label.lang}> — {f.phone.label.text}</span>}
        </p>
      )}
      <ul className="reasons">
        {f.reasons.map((r, i) => (
          <li key={i} className={r.met === true ? 'met' : r.met === false ? 'not-met' : 'unknown'}>
            <span className="mark" aria-hidden="true">
              {r.met === true ? '✔' : r.met === false ? '✘' : '?'}
            </span>{' '}
            <span className="sr">{r.met === true ? t('finder.met') : r.met === false ? t('finder.notMet') : t('finder.askCentre')}: </span>
            {r.code === 'expired' ? t('finder.expired', { until: r.until }) : r.text}
          </li>
        ))}
      </ul>
      {f.note && (
        <p className="hint" lang={f.note.lang}>
          {f.note.text}
        </p>
      )}
      <button type="button" className="action-button" onClick={onOpen}>
        {t('finder.open')}
      </button>
    </li>
  );
}
