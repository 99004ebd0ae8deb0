/**
 * Applying at the kiosk (issue 14): the consent screen first, before any personal data — why,
 * which items, how long they are kept, what refusing means (1279 is the other way), never a
 * 주민등록번호, sealed at once; 동의해요 / 동의하지 않아요. Then the form a field or two a step,
 * each step checked by the core (formCheck with `only`: the very schema it seals with), 다음 and
 * 이전 (and the toolbar's 뒤로), the catalogue's figures and the fee or allowance where they help;
 * then the answers to review and 신청하기, which seals the application into the outbox and goes
 * to its receipt. In counsellor mode the counsellor submits on the family's behalf, may save a
 * draft (encrypted by the core) and go on with one.
 *
 * Everything typed lives in this screen's memory only: leaving it, or the idle reset, drops it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormFact, FormField, FormView, ProblemView } from '../../../core/contract/kiosk-api';
import { api } from '../api';
import { CentrePhone } from '../components/CentrePhone';
import { ConsentDetails, FormFields, slotLine, type Slot } from '../components/FormFields';
import { LoadFailed } from '../components/LoadFailed';
import { dayShown, monthShown } from '../lib/number-format';
import { apiError, useApi } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { useNav } from '../session';
import { toolbarScrolls } from '../lib/toolbar-fit';

type Phase = { at: 'consent' } | { at: 'refused' } | { at: 'step'; step: number } | { at: 'review' };

/** fields that take a keyboard, a calendar or a long list: each on a step of its own */
function alone(f: FormField): boolean {
  if (f.kind === 'choice' || f.kind === 'choices') return (f.options?.length ?? 0) > 4;
  return !['yesno', 'number', 'scale'].includes(f.kind);
}

/** The form's fields (consent aside) a step at a time: one, or two small ones together. */
export function stepsOf(view: FormView): string[][] {
  const steps: string[][] = [];
  let pair: FormField[] = [];
  for (const f of view.fields) {
    if (f.kind === 'consent') continue;
    if (alone(f)) {
      if (pair.length) steps.push(pair.map((x) => x.name));
      pair = [];
      steps.push([f.name]);
    } else {
      pair.push(f);
      if (pair.length === 2) {
        steps.push(pair.map((x) => x.name));
        pair = [];
      }
    }
  }
  if (pair.length) steps.push(pair.map((x) => x.name));
  return steps;
}

const unanswered = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * Where a saved draft goes on: the step it was saved at (its number of steps: the review); for a
 * draft saved without one, the first step with a field (not optional) still unanswered, or the
 * review when none is.
 */
function resumeAt(view: FormView, steps: string[][], data: Record<string, unknown>, saved: number | null): Phase {
  if (saved !== null) return saved >= steps.length ? { at: 'review' } : { at: 'step', step: saved };
  const optional = new Set(view.fields.filter((f) => f.optional).map((f) => f.name));
  const step = steps.findIndex((s) => s.some((f) => !optional.has(f) && unanswered(data[f])));
  return step < 0 ? { at: 'review' } : { at: 'step', step };
}

/** steps where the figures (hours, fee) help the person choose */
const FIGURE_FIELDS = new Set(['visits', 'slot', 'centre', 'income_tier', 'care_hours_per_day']);

export function Apply({ service, counsellor, draftId }: { service: string; counsellor: boolean; draftId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const r = useApi((signal) => api.formView({ service, lang }, { signal }), [service, lang]);
  const draft = useApi((signal) => (draftId ? api.counsellorDraftOpen({ id: draftId }, { signal }) : Promise.resolve(null)), [draftId]);
  // a kiosk not enrolled with a hub cannot seal an application: said before anyone fills in a form, with the number to call
  const outbox = useApi((signal) => api.outboxStatus({}, { signal }), []);
  if (r.error) return r.error.code === 'not_found' ? <NoForm service={service} /> : <LoadFailed error={r.error} onRetry={r.retry} />;
  if (draft.error) return <LoadFailed error={draft.error} onRetry={draft.retry} />;
  if (outbox.data && !outbox.data.device.enrolled) return <NoForm service={service} why="notEnrolled" />;
  if (!r.data || draft.loading || outbox.loading) return <p>{t('loading')}</p>;
  return <ApplyForm view={r.data} counsellor={counsellor} draft={draft.data ?? null} />;
}

function NoForm({ service, why = 'noForm' }: { service: string; why?: 'noForm' | 'notEnrolled' }) {
  const { t } = useTranslation();
  return (
    <div className="apply">
      <h1>{t(`forms.service.${service}`, { defaultValue: t('apply.here') })}</h1>
      <p className="note" role="note" data-apply={why === 'noForm' ? 'no-form' : 'not-enrolled'}>
        {t(`apply.${why}`)}
      </p>
      <CentrePhone lead={t('apply.call')} big />
    </div>
  );
}

function ApplyForm({ view, counsellor, draft }: { view: FormView; counsellor: boolean; draft: { id: string; data: Record<string, unknown>; step: number | null } | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { replace, home, setStepBack } = useNav();
  const service = view.service;
  const steps = useMemo(() => stepsOf(view), [view]);
  // the language to call back in starts as the screen's (a Vietnamese reader is called in Vietnamese unless she changes it)
  const [values, setValues] = useState<Record<string, unknown>>(() => draft?.data ?? (view.fields.some((f) => f.name === 'language') ? { language: lang } : {}));
  // a draft opens at the step it was saved at (one saved without it: the first step not filled in yet)
  const [phase, setPhase] = useState<Phase>(() => (draft?.data.consent === true ? resumeAt(view, steps, draft.data, draft.step) : { at: 'consent' }));
  const [problems, setProblems] = useState<ProblemView[]>([]);
  const [estimate, setEstimate] = useState<FormFact | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<'send' | 'fix' | null>(null);
  /** came to a step from the review: 다음 goes back to it */
  const [fromReview, setFromReview] = useState(false);
  const [draftId, setDraftId] = useState<string | undefined>(draft?.id);
  const [saved, setSaved] = useState<'saved' | 'failed' | null>(null);

  const go = (p: Phase) => {
    setProblems([]);
    setFailed(null);
    setSaved(null);
    setPhase(p);
  };

  // the toolbar's 뒤로 (Esc): a step back within the form; from the consent screen it leaves
  const back = phase.at === 'step' ? (phase.step > 0 ? { at: 'step' as const, step: phase.step - 1 } : { at: 'consent' as const }) : phase.at === 'review' ? { at: 'step' as const, step: steps.length - 1 } : phase.at === 'refused' ? { at: 'consent' as const } : null;
  const backKey = back ? JSON.stringify(back) : '';
  useEffect(() => {
    setStepBack(back ? () => (go(back), true) : null);
    return () => setStepBack(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backKey, setStepBack]);

  // each step is a new screen for a keyboard or a screen reader: its heading gets the focus
  const phaseKey = JSON.stringify(phase);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) return void (first.current = false); // the kiosk has focused the screen's heading
    window.scrollTo(0, 0);
    // a short screen (a laptop zoomed in), whose toolbar scrolls away: the step opens at its progress line, the title above it the same on every step
    const progress = toolbarScrolls() ? document.querySelector<HTMLElement>('main .apply .progress') : null;
    if (progress) window.scrollTo(0, progress.getBoundingClientRect().top - 8);
    const h = document.querySelector<HTMLElement>('main .apply [data-step-heading]');
    h?.setAttribute('tabindex', '-1');
    h?.focus({ preventScroll: true });
  }, [phaseKey]);

  const change = (name: string, value: unknown) => {
    setValues((v) => {
      const next = { ...v };
      if (value === undefined) delete next[name];
      else next[name] = value;
      return next;
    });
    setProblems((ps) => ps.filter((p) => p.field !== name));
    setSaved(null);
  };

  /** the first step holding one of these fields */
  const stepOfField = (field: string) => Math.max(0, steps.findIndex((s) => s.includes(field)));

  const check = async (only?: string[]) => {
    const c = await api.formCheck({ service, form: values, lang, ...(only ? { only } : {}) });
    setEstimate(c.estimate);
    return c;
  };

  const next = async () => {
    if (phase.at !== 'step') return;
    setBusy(true);
    setFailed(null);
    try {
      const fields = steps[phase.step]!;
      const c = await check(fields);
      const mine = c.problems.filter((p) => fields.includes(p.field));
      if (mine.length) return setProblems(mine);
      go(fromReview || phase.step + 1 >= steps.length ? { at: 'review' } : { at: 'step', step: phase.step + 1 });
      if (fromReview) setFromReview(false);
    } catch (e) {
      console.error('form check failed', apiError(e).code);
      setFailed('send');
    } finally {
      setBusy(false);
    }
  };

  // on a step with figures (days and hours, a centre, an income tier), what it comes to as the answers change
  const stepFields = phase.at === 'step' ? (steps[phase.step] ?? []) : [];
  const figureStep = stepFields.some((f) => FIGURE_FIELDS.has(f));
  useEffect(() => {
    if (!figureStep) return;
    const ctl = new AbortController();
    api.formCheck({ service, form: values, only: stepFields, lang }, { signal: ctl.signal }).then(
      (c) => setEstimate(c.estimate),
      () => undefined,
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [figureStep, values, phaseKey]);

  // the review: the whole form checked once more (rules that weigh several answers together speak now)
  useEffect(() => {
    if (phase.at !== 'review') return;
    let live = true;
    check().then(
      (c) => {
        if (!live || c.ok) return;
        const p = c.problems.find((x) => x.field !== 'consent');
        if (p) {
          setPhase({ at: 'step', step: stepOfField(p.field) });
          setFromReview(true);
          setProblems(c.problems.filter((x) => steps[stepOfField(p.field)]!.includes(x.field)));
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phaseKey]);

  const submit = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const form = { ...values, consent: true };
      const done = counsellor ? await api.counsellorSubmit({ service, form, ...(draftId ? { draftId } : {}) }) : await api.submitApplication({ service, form });
      setValues({});
      replace({ name: 'receipt', clientId: done.clientId, service, receipt: done.receipt, submitted: view.submitted });
    } catch (e) {
      const err = apiError(e);
      console.error(`submit failed: ${err.code}`, err.requestId ?? '');
      if (err.code === 'bad_request') {
        const c = await check().catch(() => null);
        const p = c?.problems.find((x) => x.field !== 'consent');
        if (p) {
          setPhase({ at: 'step', step: stepOfField(p.field) });
          setFromReview(true);
          setProblems(c!.problems.filter((x) => steps[stepOfField(p.field)]!.includes(x.field)));
          setFailed('fix');
          return;
        }
      }
      setFailed('send');
    } finally {
      setBusy(false);
    }
  };

  /**
   * The draft's words in the counsellor's list (the service is said there already): the family's
   * name as typed so far and how far the form is filled in — so two families' drafts are told
   * apart. Stored only inside the encrypted draft, like the form itself.
   */
  const draftLabel = (): string => {
    const nameField = view.fields.find((f) => f.kind === 'text');
    const name = nameField && typeof values[nameField.name] === 'string' ? (values[nameField.name] as string).trim() : '';
    const where = phase.at === 'review' ? t('apply.draftReview') : t('apply.draftStep', { n: phase.at === 'step' ? phase.step + 1 : 1, total: steps.length });
    return (name ? `${name} · ${where}` : where).slice(0, 80);
  };

  const saveDraft = async () => {
    setSaved(null);
    try {
      const d = await api.counsellorDraftSave({ ...(draftId ? { id: draftId } : {}), kind: 'application', service, label: draftLabel(), data: values, step: phase.at === 'review' ? steps.length : phase.at === 'step' ? phase.step : null });
      setDraftId(d.id);
      setSaved('saved');
    } catch (e) {
      console.error('draft save failed', apiError(e).code);
      setSaved('failed');
    }
  };

  const title = t(`forms.service.${service}`);
  const draftButton = counsellor && phase.at !== 'consent' && phase.at !== 'refused' && (
    <>
      <button type="button" className="action-button secondary" onClick={() => void saveDraft()} data-apply="save-draft">
        {t('apply.saveDraft')}
      </button>
      {saved && (
        <p className={saved === 'saved' ? 'hint' : 'field-error'} role="status" data-draft={saved}>
          {t(saved === 'saved' ? 'apply.draftSaved' : 'apply.draftFailed')}
        </p>
      )}
    </>
  );
  const head = (
    <header className="apply-head">
      <h1>{title}</h1>
      {counsellor && (
        <p className="badge" data-apply="counsellor">
          {t('apply.counsellorMode')}
        </p>
      )}
    </header>
  );

  if (phase.at === 'consent')
    return (
      <div className="apply" data-phase="consent">
        {head}
        <h2 data-step-heading="">{t('forms.consent.title')}</h2>
        <p className="apply-intro">{t('apply.consentIntro')}</p>
        <ConsentDetails view={view} level={3} />
        <div className="apply-actions consent-actions">
          <button type="button" className="big-button" onClick={() => (setValues((v) => ({ ...v, consent: true })), go({ at: 'step', step: 0 }))} data-consent-action="agree">
            {t('forms.consent.agree')}
          </button>
          <button type="button" className="big-button secondary" onClick={() => (setValues({}), go({ at: 'refused' }))} data-consent-action="disagree">
            {t('forms.consent.disagree')}
          </button>
        </div>
      </div>
    );

  if (phase.at === 'refused')
    return (
      <div className="apply" data-phase="refused">
        {head}
        <h2 data-step-heading="">{t('apply.refusedTitle')}</h2>
        <p className="apply-intro">{t('apply.refusedBody')}</p>
        <p>{t('forms.consent.refuse')}</p>
        <CentrePhone lead={t('apply.refusedCall')} big />
        <div className="apply-actions">
          <button type="button" className="big-button" onClick={home} data-apply="home">
            {t('nav.home')}
          </button>
          <button type="button" className="big-button secondary" onClick={() => go({ at: 'consent' })} data-apply="consent-again">
            {t('apply.refusedAgain')}
          </button>
        </div>
      </div>
    );

  const facts = view.facts.length > 0 && (
    <section className="apply-facts" data-apply="facts">
      <h3>{t('apply.facts')}</h3>
      <ul>
        {view.facts.map((f, i) => (
          <li key={i}>{t(f.key, f.values)}</li>
        ))}
      </ul>
    </section>
  );
  const estimateBox = estimate && (
    <section className="apply-estimate" data-apply="estimate" aria-live="polite">
      <h3>{t('apply.estimate')}</h3>
      <p className="apply-estimate-text">{t(estimate.key, estimate.values)}</p>
      <p className="hint">{t('apply.estimateNote')}</p>
    </section>
  );

  if (phase.at === 'review')
    return (
      <div className="apply" data-phase="review">
        {head}
        <h2 data-step-heading="">{t('apply.reviewTitle')}</h2>
        <p className="apply-intro">{t('apply.reviewHint')}</p>
        <dl className="apply-review">
          {steps.map((s, i) =>
            s.map((name, j) => (
              <div key={name} className="apply-review-row" data-review={name}>
                <dt>{t(`forms.field.${name}`)}</dt>
                <dd>
                  <span className="apply-answer">
                    <Answer field={view.fields.find((f) => f.name === name)!} value={values[name]} lang={lang} />
                  </span>
                  {j === 0 && (
                    <button type="button" className="tool apply-edit" onClick={() => (setFromReview(true), go({ at: 'step', step: i }))} data-edit={name}>
                      {t('apply.change')}
                    </button>
                  )}
                </dd>
              </div>
            )),
          )}
        </dl>
        {estimateBox}
        {facts}
        {failed === 'send' && (
          <p className="field-error" role="alert" data-apply="failed">
            {t('apply.failed')}
          </p>
        )}
        <div className="apply-actions">
          <button type="button" className="big-button" onClick={() => void submit()} disabled={busy} data-apply="submit">
            {busy ? t('apply.sending') : t('apply.submit')}
          </button>
          <button type="button" className="big-button secondary" onClick={() => go({ at: 'step', step: steps.length - 1 })} data-apply="previous">
            {t('apply.previous')}
          </button>
          {draftButton}
        </div>
        <CentrePhone lead={t('apply.call')} />
      </div>
    );

  const fields = steps[phase.step] ?? [];
  const figures = fields.some((f) => FIGURE_FIELDS.has(f));
  return (
    <div className="apply" data-phase="step" data-step={phase.step}>
      {head}
      <p className="progress" aria-label={t('apply.progress', { n: phase.step + 1, total: steps.length })}>
        <progress max={steps.length} value={phase.step + 1} /> {phase.step + 1} / {steps.length}
      </p>
      <h2 className="sr" data-step-heading="">
        {fields.map((f) => t(`forms.field.${f}`)).join(', ')}
      </h2>
      {figures && facts}
      <FormFields view={view} fields={fields} values={values} onChange={change} problems={problems} />
      {figures && estimateBox}
      {failed && (
        <p className="field-error" role="alert" data-apply={failed === 'fix' ? 'fix' : 'failed'}>
          {t(failed === 'fix' ? 'apply.fixFirst' : 'apply.failed')}
        </p>
      )}
      {/* for a counsellor on a laptop (a step taller than its screen at 125–200 %), 다음 kept in view at the bottom */}
      <div className={counsellor ? 'apply-actions apply-bar' : 'apply-actions'}>
        <button type="button" className="big-button" onClick={() => void next()} disabled={busy} data-apply="next">
          {busy ? t('apply.checking') : t('apply.next')}
        </button>
        <button type="button" className="big-button secondary" onClick={() => go(back ?? { at: 'consent' })} data-apply="previous">
          {t('apply.previous')}
        </button>
        {draftButton}
      </div>
      <CentrePhone lead={t('apply.call')} />
    </div>
  );
}

/** An answer as the review shows it: the words of a choice, a month or day as people write it, each visit on its line. */
export function Answer({ field, value, lang }: { field: FormField; value: unknown; lang: string }) {
  const { t } = useTranslation();
  if (value === undefined || value === null || value === '') return <span className="hint">{t('apply.notChosen')}</span>;
  const option = (v: unknown) => {
    const o = field.options?.find((x) => x.value === v);
    return o?.label ? <span lang={o.label.lang}>{o.label.text}</span> : <>{t(`forms.option.${field.name}.${String(v)}`)}</>;
  };
  switch (field.kind) {
    case 'choice':
      return option(value);
    case 'choices':
      return (
        <>
          {(Array.isArray(value) ? value : []).map((v, i) => (
            <span key={String(v)}>
              {i > 0 && ', '}
              {option(v)}
            </span>
          ))}
        </>
      );
    case 'yesno':
      return <>{t(value === true ? 'apply.yes' : 'apply.no')}</>;
    case 'month':
      return <>{monthShown(String(value), lang)}</>;
    case 'day':
      return <>{dayShown(String(value), lang)}</>;
    case 'visits':
      return (
        <ul className="apply-review-visits">
          {(Array.isArray(value) ? (value as Slot[]) : []).map((v, i) => (
            <li key={i}>{slotLine(v, lang, t)}</li>
          ))}
        </ul>
      );
    case 'slot':
      return <>{slotLine(value as Slot, lang, t)}</>;
    case 'entries':
      return <>{(Array.isArray(value) ? value : []).length}</>;
    default:
      return <>{String(value)}</>;
  }
}
