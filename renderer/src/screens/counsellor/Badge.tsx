/**
 * The toolbar's "상담사 모드" badge: shown only while a counsellor is signed in, with their name
 * (it opens the counsellor's dashboard) and 로그아웃. It also keeps the store in step with the
 * host (the `counsellor.changed` event) and reports input as activity, at most once a minute,
 * whatever screen the counsellor is on (an application on a family's behalf included).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useNav } from '../../session';
import { onCounsellorChanged, refreshCounsellor, signOutCounsellor, touchCounsellor, useCounsellorState } from './state';
import './counsellor.css';

export function CounsellorBadge() {
  const { t } = useTranslation();
  const nav = useNav();
  const { known, session, ended } = useCounsellorState();

  useEffect(() => api.on('counsellor.changed', onCounsellorChanged), []);
  useEffect(() => {
    if (!known) refreshCounsellor().catch((e: unknown) => console.error('counsellor status not read', e));
  }, [known]);

  const signedIn = session !== null;
  useEffect(() => {
    if (!signedIn) return;
    const events = ['pointerdown', 'keydown'] as const;
    events.forEach((e) => window.addEventListener(e, touchCounsellor, { passive: true, capture: true }));
    return () => events.forEach((e) => window.removeEventListener(e, touchCounsellor, { capture: true }));
  }, [signedIn]);

  // the session ended under an application on a family's behalf: back to the sign-in, which says why
  const screen = nav.screen;
  const wasSignedIn = useRef(signedIn);
  useEffect(() => {
    if (wasSignedIn.current && !signedIn && ended && screen.name === 'apply' && screen.counsellor) nav.replace({ name: 'counsellor' });
    wasSignedIn.current = signedIn;
  }, [signedIn, ended, screen, nav]);

  if (!session) return null;
  const signOut = () => {
    void signOutCounsellor().finally(() => {
      if (nav.screen.name === 'apply' && nav.screen.counsellor) nav.replace({ name: 'counsellor' });
      else if (nav.screen.name !== 'counsellor') nav.go({ name: 'counsellor' });
    });
  };
  return (
    <span className="counsellor-badge" data-counsellor="badge">
      <button type="button" className="tool counsellor-badge-name" onClick={() => nav.screen.name !== 'counsellor' && nav.go({ name: 'counsellor' })} data-counsellor="mode">
        <span className="counsellor-badge-mode">{t('counsellor.badge.mode')}</span> <span className="counsellor-badge-who">{session.name}</span>
      </button>
      <button type="button" className="tool" onClick={signOut} data-counsellor="badge-sign-out">
        {t('counsellor.signOut')}
      </button>
    </span>
  );
}
