/**
 * 나에게 맞는 지원 찾기: up to 8 questions, one per screen, big buttons, progress, back and
 * "잘 모르겠어요"; then the results in three groups, each with a reason per condition.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { LoadFailed } from '../components/LoadFailed';
import { PrintFailed, useHtmlPrint } from '../components/PrintSheet';
import { useApi } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { QUESTIONS, applicable, toSituation, type Answers } from '../lib/questionnaire';
import { useFinderAnswers, useNav } from '../session';
import type { Finding } from '../../../core/contract/kiosk-api';

const GROUPS = [
  ['eligible', 'finder.eligible'],
  ['unknown', 'finder.unknown'],
  ['not_eligible', 'finder.notEligible'],
] as const;

export function Finder() {
  const { t } = useTranslation();
  const { answers, setAnswers, step, setStep } = useFinderAnswers();
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
  if (!q) return <Results answers={answers} onRestart={() => (setAnswers({}), setStep(0))} onBack={() => setStep(questions.length - 1)} />;
  const answer = (value: Answers[keyof Answers] | undefined) => {
    const next = { ...answers, [q.id]: value };
    if (value === undefined) delete next[q.id];
    setAnswers(next);
    setStep(step + 1);
  };
  const current = answers[q.id];
  return (
    <div className="finder">
      <h1>{t('finder.title')}</h1>
      <p className="progress" aria-label={t('finder.progressLabel', { n: step + 1, total: questions.length })}>
        <progress max={questions.length} value={step + 1} /> {step + 1} / {questions.length}
      </p>
      <h2 data-question={q.id}>{t(`finder.q.${q.id}`)}</h2>
      <ul className="answers">
        {q.options.map((o) => (
          <li key={o.key}>
            <button type="button" className="answer" aria-pressed={JSON.stringify(current) === JSON.stringify(o.value)} onClick={() => answer(o.value)} data-answer={o.key}>
              {t(`finder.a.${q.id}.${o.key}`)}
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="answer unsure" onClick={() => answer(undefined)} data-answer="unsure">
            {t('finder.unsure')}
          </button>
        </li>
      </ul>
      {step > 0 && (
        <button type="button" className="tool" onClick={() => setStep(step - 1)} data-finder="back">
          {t('finder.previous')}
        </button>
      )}
    </div>
  );
}

function Results({ answers, onRestart, onBack }: { answers: Answers; onRestart: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const { go } = useNav();
  const lang = useLang();
  const situation = useMemo(() => toSituation(answers), [answers]);
  const r = useApi((signal) => api.eligible({ situation, lang }, { signal }), [situation, lang]);
  // The personal summary, built by the core from the same situation: the results only — no name, no contact.
  const summary = useHtmlPrint(t('print.summaryTitle'));
  const findings = r.data?.findings;
  return (
    <div className="finder results">
      <h1>{t('finder.resultsTitle')}</h1>
      <p className="hint">{t('finder.resultsHint')}</p>
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
      </div>
      <PrintFailed error={summary.error} />
      {summary.root}
      {r.error && <LoadFailed error={r.error} onRetry={r.retry} />}
      {r.loading && !findings && <p>{t('loading')}</p>}
      {findings &&
        GROUPS.map(([result, label]) => {
          // the most specific matches first: more conditions checked and met
          const met = (f: Finding) => f.reasons.filter((x) => x.met === true).length;
          const list = findings.filter((f) => f.result === result).sort((a, b) => met(b) - met(a));
          return (
            <section key={result} className={`result-group ${result}`} data-group={result}>
              <h2>
                {t(label)} <span className="count">{list.length}</span>
              </h2>
              <ul className="entry-list">
                {list.map((f) => (
                  <FindingCard key={f.id} f={f} onOpen={() => go({ name: 'entry', id: f.id })} />
                ))}
              </ul>
            </section>
          );
        })}
    </div>
  );
}

function FindingCard({ f, onOpen }: { f: Finding; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="finding" data-finding={f.id}>
      <h3 lang={f.title.lang}>{f.title.text}</h3>
      <ul className="reasons">
        {f.reasons.map((r, i) => (
          <li key={i} className={r.met === true ? 'met' : r.met === false ? 'not-met' : 'unknown'}>
            <span className="mark" aria-hidden="true">
              {r.met === true ? '✔' : r.met === false ? '✘' : '?'}
            </span>{' '}
            <span className="sr">{r.met === true ? t('finder.met') : r.met === false ? t('finder.notMet') : t('finder.askCentre')}: </span>
            {r.text}
          </li>
        ))}
      </ul>
      {f.also && <p className="hint" lang={f.also.lang}>{t('finder.also')}: {f.also.text}</p>}
      <button type="button" className="action-button" onClick={onOpen}>
        {t('finder.open')}
      </button>
    </li>
  );
}
