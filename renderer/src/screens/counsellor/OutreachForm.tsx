/**
 * 방문 상담 기록 (outreach-visit) and 방문 상담 설문 (outreach-survey), the counsellor's own forms:
 * the fields as the core describes them (formView), drawn by FormFields; 임시 저장 keeps the form
 * as a draft encrypted with the counsellor's key (counsellorDraftSave, kind visit or survey);
 * 제출하기 checks every field with the core's schema (formCheck) and seals it for the hub with the
 * counsellor's name inside (counsellorSubmit; the draft it was written in is deleted then).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormView, ProblemView } from '../../../../core/contract/kiosk-api';
import { api } from '../../api';
import { FormFields } from '../../components/FormFields';
import { LoadFailed } from '../../components/LoadFailed';
import { apiError, useApi } from '../../lib/use-api';
import { useLang } from '../../lib/use-lang';
import { koreaDay, timeShown } from '../../lib/number-format';
import { noteRefusal } from './state';

export type OutreachKind = 'visit' | 'survey';
const SERVICE: Record<OutreachKind, string> = { visit: 'outreach-visit', survey: 'outreach-survey' };
const DATE_FIELD: Record<OutreachKind, string> = { visit: 'visit_date', survey: 'survey_date' };

/** Today as YYYY-MM-DD, in Korea (whatever time zone the laptop is set to). */
const today = (): string => koreaDay();

/** The draft's own words in the list: where and when (a visit), or when (a survey). Stored encrypted, like the rest. */
const labelOf = (kind: OutreachKind, v: Record<string, unknown>): string | null => {
  const parts = [kind === 'visit' && typeof v.place === 'string' ? v.place : null, typeof v[DATE_FIELD[kind]] === 'string' ? (v[DATE_FIELD[kind]] as string) : null].filter((x): x is string => !!x && x.trim() !== '');
  return parts.length ? parts.join(' · ').slice(0, 80) : null;
};

type Notice = { text: string; failed: boolean };

export function OutreachForm({ kind, draftId: openedDraft, onDone }: { kind: OutreachKind; draftId?: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const service = SERVICE[kind];
  const view = useApi((signal) => api.formView({ service, lang }, { signal }), [service, lang]);
  const draft = useApi(async (signal) => {
    if (!openedDraft) return null;
    try {
      return await api.counsellorDraftOpen({ id: openedDraft }, { signal });
    } catch (e) {
      noteRefusal(apiError(e));
      throw e;
    }
  }, [openedDraft]);
  const [values, setValues] = useState<Record<string, unknown> | null>(openedDraft ? null : { [DATE_FIELD[kind]]: today() });
  const [draftId, setDraftId] = useState<string | undefined>(openedDraft);
  const [problems, setProblems] = useState<ProblemView[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (draft.data && values === null) setValues(draft.data.data);
  }, [draft.data, values]);

  const say = (n: Notice) => {
    setNotice(n);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  const failed = (e: unknown, key: string) => {
    const error = apiError(e);
    if (noteRefusal(error)) return;
    console.error(`${service}: ${error.code}${error.reason ? ` (${error.reason})` : ''}: ${error.message}`);
    say({ text: t(key), failed: true });
  };

  const change = (name: string, v: unknown) => {
    setValues((old) => {
      const next = { ...(old ?? {}) };
      if (v === undefined) delete next[name];
      else next[name] = v;
      return next;
    });
    setProblems((ps) => ps.filter((p) => p.field !== name));
  };

  const save = async () => {
    if (!values) return;
    setBusy('save');
    try {
      const d = await api.counsellorDraftSave({ ...(draftId ? { id: draftId } : {}), kind, service, label: labelOf(kind, values), data: values });
      setDraftId(d.id);
      say({ text: t('counsellor.outreach.saved', { time: timeShown(d.updatedAt, lang) }), failed: false });
    } catch (e) {
      failed(e, 'counsellor.outreach.saveFailed');
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    if (!values) return;
    setBusy('submit');
    try {
      const check = await api.formCheck({ service, form: values });
      if (!check.ok) {
        setProblems(check.problems);
        say({ text: t('counsellor.outreach.fix'), failed: true });
        return;
      }
      const done = await api.counsellorSubmit({ service, form: values, ...(draftId ? { draftId } : {}) });
      onDone(done.receipt ? t('counsellor.outreach.submittedReceipt', { service: t(`forms.service.${service}`), receipt: done.receipt }) : t('counsellor.outreach.submitted', { service: t(`forms.service.${service}`) }));
    } catch (e) {
      const error = apiError(e);
      // a field the core refused (an entry no longer in the catalogue): said under that field
      if (error.code === 'bad_request' && error.field?.startsWith('form.') && error.reason) {
        const field = error.field.slice('form.'.length);
        setProblems([{ field, code: error.reason as ProblemView['code'], key: `forms.error.${field}.${error.reason}` }]);
        say({ text: t('counsellor.outreach.fix'), failed: true });
      } else failed(e, 'counsellor.outreach.failed');
    } finally {
      setBusy(null);
    }
  };

  const v: FormView | undefined = view.data;
  const error = view.error ?? draft.error;
  return (
    <div className="counsellor outreach" data-counsellor="outreach" data-service={service}>
      <h1>{t(`forms.service.${service}`)}</h1>
      <p className="counsellor-lead">{t(`counsellor.outreach.hint.${kind}`)}</p>
      {openedDraft && draft.data && <p className="hint">{t('counsellor.outreach.fromDraft')}</p>}
      {error && error.reason !== 'signed_out' && <LoadFailed error={error} onRetry={() => (view.retry(), draft.retry())} />}
      {!error && (!v || !values) && <p>{t('loading')}</p>}
      {v && values && (
        <form onSubmit={(e) => (e.preventDefault(), void submit())} noValidate aria-labelledby="outreach-fields">
          {/* the fields' own headings (the consent's parts) are h3: this is the h2 above them */}
          <h2 id="outreach-fields" className="sr">
            {t(`counsellor.outreach.fields.${kind}`)}
          </h2>
          <FormFields view={v} fields={v.fields.map((f) => f.name)} values={values} onChange={change} problems={problems} />
          {/* kept in view at the bottom of the screen: the form is long, and 임시 저장 is wanted at any moment */}
          <div className="counsellor-form-bar">
            <div className="counsellor-form-actions">
              <button type="button" className="big-button secondary" onClick={() => void save()} disabled={busy !== null} data-outreach="save">
                {busy === 'save' ? t('counsellor.outreach.saving') : t('counsellor.outreach.save')}
              </button>
              <button type="submit" className="big-button" disabled={busy !== null} data-outreach="submit">
                {busy === 'submit' ? t('counsellor.outreach.submitting') : t('counsellor.outreach.submit')}
              </button>
            </div>
            {notice && (
              <p ref={noticeRef} tabIndex={-1} className={notice.failed ? 'field-error counsellor-notice' : 'note counsellor-notice'} role={notice.failed ? 'alert' : 'status'} data-outreach="notice">
                {notice.text}
              </p>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
