/**
 * The counsellor's dashboard: who is signed in, the queue in one line, what they can do (a new
 * application on a family's behalf, the visit log, the survey, USB; a PIN change beside 로그아웃),
 * their drafts and the queue itself. Each action opens a part of this screen; 뒤로 (and Esc) comes back here.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounsellorSession } from '../../../../core/contract/kiosk-api';
import { api } from '../../api';
import { useApi } from '../../lib/use-api';
import { useNav } from '../../session';
import { ApplyList } from './ApplyList';
import { ChangePin } from './ChangePin';
import { Drafts } from './Drafts';
import { OutreachForm, type OutreachKind } from './OutreachForm';
import { Queue } from './Queue';
import { signOutCounsellor } from './state';
import { Usb } from './Usb';

type View = { name: 'home' } | { name: 'apply' } | { name: 'outreach'; kind: OutreachKind; draftId?: string } | { name: 'usb' } | { name: 'pin' };

export function Dashboard({ session }: { session: CounsellorSession }) {
  const { t } = useTranslation();
  const { setStepBack } = useNav();
  const [view, setView] = useState<View>({ name: 'home' });
  const [notice, setNotice] = useState<string | null>(null);

  // 뒤로 and Esc: from a part of the dashboard back to the dashboard
  useEffect(() => {
    setStepBack(view.name === 'home' ? null : () => (setView({ name: 'home' }), true));
    return () => setStepBack(null);
  }, [view, setStepBack]);
  // each part starts at the top with the focus on its heading
  const viewKey = view.name === 'outreach' ? `outreach-${view.kind}-${view.draftId ?? ''}` : view.name;
  const [shownKey, setShownKey] = useState(viewKey);
  useEffect(() => {
    if (shownKey === viewKey) return;
    setShownKey(viewKey);
    window.scrollTo(0, 0);
    requestAnimationFrame(() => {
      const h1 = document.querySelector<HTMLElement>('main h1');
      h1?.setAttribute('tabindex', '-1');
      h1?.focus({ preventScroll: true });
    });
  }, [viewKey, shownKey]);

  const home = (message: string | null = null) => {
    setNotice(message);
    setView({ name: 'home' });
  };

  if (view.name === 'apply') return <ApplyList />;
  if (view.name === 'outreach') return <OutreachForm key={viewKey} kind={view.kind} draftId={view.draftId} onDone={home} />;
  if (view.name === 'usb') return <Usb />;
  if (view.name === 'pin') return <ChangePin onDone={home} />;
  return (
    <div className="counsellor dashboard" data-counsellor="dashboard">
      <div className="counsellor-head">
        <div className="counsellor-head-text">
          <h1>{t('counsellor.home.title')}</h1>
          <p data-counsellor="who">{t('counsellor.home.who', { name: session.name })}</p>
        </div>
        <div className="counsellor-head-actions">
          <button type="button" className="action-button secondary" onClick={() => setView({ name: 'pin' })} data-counsellor-action="pin">
            {t('counsellor.home.pin')}
          </button>
          <button type="button" className="action-button secondary" onClick={() => void signOutCounsellor()} data-counsellor="sign-out">
            {t('counsellor.signOut')}
          </button>
        </div>
      </div>
      {notice && (
        <p className="note counsellor-notice" role="status" data-counsellor="notice">
          {notice}
        </p>
      )}
      <QueueSummary />
      <section aria-labelledby="counsellor-actions">
        <h2 id="counsellor-actions" className="sr">
          {t('counsellor.home.actions')}
        </h2>
        <ul className="counsellor-actions">
          <Action icon="apply" title={t('counsellor.home.apply')} hint={t('counsellor.home.applyHint')} onClick={() => setView({ name: 'apply' })} name="apply" primary />
          <Action icon="visit" title={t('counsellor.home.visit')} hint={t('counsellor.home.visitHint')} onClick={() => setView({ name: 'outreach', kind: 'visit' })} name="visit" />
          <Action icon="survey" title={t('counsellor.home.survey')} hint={t('counsellor.home.surveyHint')} onClick={() => setView({ name: 'outreach', kind: 'survey' })} name="survey" />
          <Action icon="usb" title={t('counsellor.home.usb')} hint={t('counsellor.home.usbHint')} onClick={() => setView({ name: 'usb' })} name="usb" />
        </ul>
      </section>
      <Drafts onOpen={(d) => setView({ name: 'outreach', kind: d.kind, draftId: d.id })} />
      <Queue />
    </div>
  );
}

/** The actions' line icons (decorative; the words beside them carry the meaning). */
const GLYPHS = {
  apply: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6',
  visit: 'M3 11l9-7 9 7M6 10v10h12V10M10 20v-5h4v5',
  survey: 'M9 11l2 2 4-4M5 4h14v16H5z',
  usb: 'M9 3h6v6H9zM7 9h10v8a5 5 0 0 1-10 0zM12 14v4',
} as const;

function Action({ icon, title, hint, onClick, name, primary = false }: { icon: keyof typeof GLYPHS; title: string; hint: string; onClick: () => void; name: string; primary?: boolean }) {
  return (
    <li>
      <button type="button" className={primary ? 'tile action' : 'tile'} onClick={onClick} data-counsellor-action={name}>
        <svg aria-hidden="true" focusable="false" width={48} height={48} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className="icon">
          <path d={GLYPHS[icon]} />
        </svg>
        <span className="tile-title">{title}</span>
        <span className="tile-hint">{hint}</span>
      </button>
    </li>
  );
}

/** The queue in one line: how many wait, were sent, need attention (the last in the warning colours). */
function QueueSummary() {
  const { t } = useTranslation();
  const [refresh, setRefresh] = useState(0);
  const o = useApi((signal) => api.outboxStatus({}, { signal }), [refresh]);
  useEffect(() => api.on('outbox.changed', () => setRefresh((n) => n + 1)), []);
  if (!o.data) return null;
  const { pending, sent, attention } = o.data;
  return (
    <>
      <p className="counsellor-summary" role="status" data-counsellor="summary">
        {t('counsellor.home.summary', { pending, sent, attention })}
      </p>
      {attention > 0 && (
        <p className="counsellor-summary attention" data-counsellor="summary-attention">
          {t('counsellor.home.summaryAttention', { n: attention })}
        </p>
      )}
    </>
  );
}
