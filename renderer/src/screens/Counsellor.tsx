/**
 * The counsellor mode (issue 14): the sign-in, then the dashboard — the outbox's queue (pending,
 * sent, needs attention with the hub's reason, retry, discard after a confirmation), the
 * counsellor's encrypted drafts, an application on a family's behalf (the apply screen in
 * counsellor mode), the outreach visit log and survey, USB (catalogue bundles in, applications
 * out), a PIN change and signing out. Whether someone is signed in is the host's word
 * (counsellor/state.ts); when the session ends — signed out, too long without use, the kiosk's
 * idle reset — this screen is the sign-in again, saying why.
 */
import { useEffect, useRef } from 'react';
import { useCounsellorState, refreshCounsellor } from './counsellor/state';
import { SignIn } from './counsellor/SignIn';
import { Dashboard } from './counsellor/Dashboard';
import './counsellor/counsellor.css';

export function Counsellor() {
  const { known, session } = useCounsellorState();
  useEffect(() => {
    refreshCounsellor().catch((e: unknown) => console.error('counsellor status not read', e));
  }, []);

  // signing in or out changes the whole screen: the focus goes to its heading, as on a new screen
  const signedIn = session !== null;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    requestAnimationFrame(() => {
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (!h1) return;
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    });
  }, [signedIn]);

  if (!known) return null;
  return session ? <Dashboard session={session} /> : <SignIn onSignedIn={() => undefined} />;
}
