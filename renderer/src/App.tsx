import { Suspense, lazy, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isPageLanguage, switchLanguage, type LangId } from './i18n';
import { SessionProvider, useNav } from './session';
import { screenText, useSpeech, RATES, VOLUMES, type Rate, type Volume } from './lib/speech';
import { DEFAULT_IDLE, idleFor, idlePhase, type IdlePhase } from './lib/idle';
import { api } from './api';
import { SETTINGS_IN_PAGE_ID } from '../../core/contract/channel';
import { settingsFromPage } from './lib/page-settings';
import type { Output } from '../../core/contract/kiosk-api';
import { Icon } from './components/Icon';
import { useToolbarSticks } from './lib/toolbar-fit';
import { ErrorBoundary } from './components/ErrorBoundary';
import { CatalogueVersionProvider } from './lib/catalogue-version';
import { PrintingContext } from './lib/printing';
import { Home } from './screens/Home';
import { CounsellorBadge } from './screens/counsellor/Badge';
import { counsellorState, signOutOnReset } from './screens/counsellor/state';
// Only the home screen is in the first bundle: the others load when first opened, so the kiosk starts fast.
const Search = lazy(() => import('./screens/Search').then((m) => ({ default: m.Search })));
const Stage = lazy(() => import('./screens/Stage').then((m) => ({ default: m.Stage })));
const Entry = lazy(() => import('./screens/Entry').then((m) => ({ default: m.Entry })));
const Centre = lazy(() => import('./screens/Centre').then((m) => ({ default: m.Centre })));
const Finder = lazy(() => import('./screens/Finder').then((m) => ({ default: m.Finder })));
const Facilities = lazy(() => import('./screens/Facilities').then((m) => ({ default: m.Facilities })));
const Status = lazy(() => import('./screens/Status').then((m) => ({ default: m.Status })));
const Apply = lazy(() => import('./screens/Apply').then((m) => ({ default: m.Apply })));
const Receipt = lazy(() => import('./screens/Receipt').then((m) => ({ default: m.Receipt })));
const Lookup = lazy(() => import('./screens/Lookup').then((m) => ({ default: m.Lookup })));
const Counsellor = lazy(() => import('./screens/Counsellor').then((m) => ({ default: m.Counsellor })));

const SCALES = [1, 1.5, 2] as const;
type Panel = 'none' | 'lang' | 'size' | 'speech';

/** The whole kiosk; remounted (with a new key) on idle reset so that no state survives. */
export function App() {
  const [session, setSession] = useState(0);
  // The kiosk's settings (DATA/kiosk.json: the language a session starts in, the idle time): in the
  // page the web host served, or else one call to the host on this machine, answered in
  // milliseconds. Nothing is drawn until they have come and their language's strings are loaded,
  // so that a kiosk set to Vietnamese never shows Korean first; settings in the page in the
  // language the page is already in (Korean, as the UI starts) are drawn at once. If they cannot
  // be read, or have not come within SETTINGS_WAIT_MS (a host that hangs), the safe defaults are
  // drawn; settings that come later start the session again.
  const [settings, setSettings] = useState<KioskSettings | null>(settingsAtOnce);
  const drawnAtOnce = useRef(settings !== null);
  useEffect(() => {
    if (drawnAtOnce.current) return;
    let drawn = false;
    const fallback = window.setTimeout(() => {
      console.error(`the kiosk settings did not come within ${SETTINGS_WAIT_MS} ms; the defaults apply until they do`);
      drawn = true;
      setSettings((s) => s ?? DEFAULT_SETTINGS);
    }, SETTINGS_WAIT_MS);
    const use = (s: KioskSettings) => {
      window.clearTimeout(fallback);
      setSettings(s);
    };
    const asked = early ?? api.settings({});
    early = undefined;
    asked.then(
      (s) => {
        if (drawn) return use(s); // the defaults are on screen: the session starts again with these
        switchLanguage(s.language).then(
          () => use(s),
          (e: unknown) => (console.error(`the ${s.language} strings could not be loaded; the kiosk starts in Korean`, e), use(s)),
        );
      },
      (e: unknown) => {
        console.error('the kiosk settings could not be read; the defaults apply', e);
        use(DEFAULT_SETTINGS);
      },
    );
    return () => window.clearTimeout(fallback);
  }, []);
  if (!settings) return null;
  return (
    <CatalogueVersionProvider>
      {/* the reset also signs out a counsellor (the drafts' key wiped) */}
      <Kiosk key={`${session}:${settingsKey(settings)}`} settings={settings} onReset={() => (signOutOnReset(), setSession((n) => n + 1))} />
    </CatalogueVersionProvider>
  );
}

type KioskSettings = Output<'settings'>;

/** The settings in the page (the web host's: SETTINGS_IN_PAGE_ID), read as the UI's code starts (main.tsx, before React draws). */
let inPage: KioskSettings | undefined;
/** The same, or else asked for as the UI's code starts, so the host answers while React sets up; the first App takes the answer. */
let early: Promise<KioskSettings> | undefined;
export function askSettingsEarly(): void {
  inPage ??= settingsFromPage(document.getElementById(SETTINGS_IN_PAGE_ID)?.textContent);
  early ??= inPage ? Promise.resolve(inPage) : api.settings({});
}
/** What the first App draws at once: the settings in the page, when the page is in their language already (else its strings load first). */
const settingsAtOnce = (): KioskSettings | null => (inPage && isPageLanguage(inPage.language) ? inPage : null);
/** How long the first screen waits for the kiosk's settings before it is drawn with the defaults. */
const SETTINGS_WAIT_MS = 3000;
const DEFAULT_SETTINGS: KioskSettings = { profile: 'kiosk', language: 'ko', idleSeconds: DEFAULT_IDLE.idleMs / 1000, printing: 'dialog' };
/** Sessions started with other settings are other sessions (the first one starts again when the kiosk's own settings differ from the defaults). */
const settingsKey = (s: KioskSettings) => `${s.profile}:${s.language}:${s.idleSeconds}:${s.printing}`;

function Kiosk({ onReset, settings }: { onReset: () => void; settings: KioskSettings }) {
  const [lang, setLang] = useState<LangId>(settings.language);
  const [scale, setScale] = useState<(typeof SCALES)[number]>(1);
  const [contrast, setContrast] = useState(false);
  const [idle, setIdle] = useState<IdlePhase>({ phase: 'active' });
  const idleMs = useRef(settings.idleSeconds * 1000);
  const lastActivity = useRef(Date.now());
  const speech = useSpeech(LANGUAGES.find((l) => l.id === lang)!.speech);
  const stopSpeech = useRef(speech.stop);
  stopSpeech.current = speech.stop;

  useEffect(() => {
    let current = true; // a reader who picks two languages quickly ends in the second
    switchLanguage(lang, () => current).catch((e: unknown) => console.error(`the ${lang} strings could not be loaded; the text stays as it is`, e));
    return () => void (current = false);
  }, [lang]);
  // before the screen is first laid out (the home screen's layout depends on data-scale), not after
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = contrast ? 'contrast' : 'default';
    root.style.setProperty('--scale', String(scale));
    root.dataset.scale = String(scale * 100);
  }, [contrast, scale]);

  // Idle reset: any touch or key counts as activity; a warning comes before the wipe.
  useEffect(() => {
    const touch = () => {
      lastActivity.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, touch, { passive: true, capture: true }));
    const timer = window.setInterval(() => {
      // someone listening to the screen being read out is using the kiosk
      if (window.speechSynthesis?.speaking) lastActivity.current = Date.now();
      // a signed-in counsellor's session idle, else the public kiosk's two minutes
      const p = idlePhase(Date.now(), lastActivity.current, idleFor(counsellorState().session, { ...DEFAULT_IDLE, idleMs: idleMs.current }));
      if (p.phase === 'reset') {
        stopSpeech.current();
        onReset();
      } else setIdle((prev) => (prev.phase === p.phase && (prev.phase !== 'warning' || p.phase !== 'warning' || prev.secondsLeft === p.secondsLeft) ? prev : p));
    }, 500);
    return () => {
      events.forEach((e) => window.removeEventListener(e, touch, { capture: true }));
      window.clearInterval(timer);
    };
  }, [onReset]);

  return (
    <SessionProvider>
      <PrintingContext.Provider value={settings.printing}>
      <Shell lang={lang} setLang={setLang} scale={scale} setScale={setScale} contrast={contrast} setContrast={setContrast} speech={speech} />
      {idle.phase === 'warning' && (
        <IdleWarning
          seconds={idle.secondsLeft}
          onMore={() => {
            lastActivity.current = Date.now();
            setIdle({ phase: 'active' });
          }}
          onEnd={() => {
            speech.stop();
            onReset();
          }}
        />
      )}
      </PrintingContext.Provider>
    </SessionProvider>
  );
}

interface ShellProps {
  lang: LangId;
  setLang: (l: LangId) => void;
  scale: number;
  setScale: (s: (typeof SCALES)[number]) => void;
  contrast: boolean;
  setContrast: (b: boolean) => void;
  speech: ReturnType<typeof useSpeech>;
}

function Shell({ lang, setLang, scale, setScale, contrast, setContrast, speech }: ShellProps) {
  const { t } = useTranslation();
  const session = useNav();
  const [panel, setPanel] = useState<Panel>('none');
  const main = useRef<HTMLElement>(null);
  const toggle = (p: Panel) => setPanel(panel === p ? 'none' : p);
  const readScreen = useCallback(() => {
    speech.speak(screenText(main.current));
    setPanel('speech');
  }, [speech]);

  // Each new screen starts at the top, with focus on its heading (for screen readers, and for a
  // physical keyboard: Tab goes on from there). A screen whose code or data is still loading has
  // no heading yet (the one in the DOM may be the previous screen's, hidden by Suspense): it gets
  // the focus when it appears, unless the person has moved it meanwhile.
  useEffect(() => {
    window.scrollTo(0, 0);
    speech.stop();
    const root = main.current;
    if (!root) return;
    const focusHeading = (): boolean => {
      const h1 = root.querySelector('h1');
      if (!h1) return false;
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
      return document.activeElement === h1;
    };
    if (focusHeading()) return;
    const before = document.activeElement;
    const seen = new MutationObserver(() => {
      const at = document.activeElement;
      if (at && at !== before && at !== document.body) seen.disconnect();
      else if (focusHeading()) seen.disconnect();
    });
    seen.observe(root, { childList: true, subtree: true });
    return () => seen.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.screen]);

  // A physical keyboard (a counsellor's laptop): Esc or Alt+← does what the toolbar's 뒤로 does
  // (Esc first closes an open toolbar panel; a dialog such as the print preview handles its own keys).
  const { back, canGoBack } = session;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const esc = e.key === 'Escape' && !e.altKey;
      const altLeft = e.key === 'ArrowLeft' && e.altKey;
      if ((!esc && !altLeft) || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing || e.defaultPrevented) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault(); // also keeps the browser's own Alt+← (history back) from leaving the kiosk
      if (esc && panel !== 'none') setPanel('none');
      else if (canGoBack) back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel, back, canGoBack]);

  const toolbarRow = useRef<HTMLDivElement>(null);
  const toolbarSticksNow = useToolbarSticks(toolbarRow);

  const s = session.screen;
  return (
    <>
      <nav className={toolbarSticksNow ? 'toolbar' : 'toolbar scrolls'} aria-label={t('a11y.toolbar')} data-toolbar={toolbarSticksNow ? 'sticky' : 'scrolls'}>
        <div className="toolbar-row" ref={toolbarRow}>
          <button type="button" className="tool" onClick={session.home} data-tool="home">
            <Icon name="home" size={32} /> {t('nav.home')}
          </button>
          <button type="button" className="tool" onClick={session.back} disabled={!session.canGoBack} data-tool="back">
            <Icon name="back" size={32} /> {t('nav.back')}
          </button>
          <CounsellorBadge />
          <span className="spacer" />
          <button type="button" className="tool" aria-expanded={panel === 'size'} onClick={() => toggle('size')} data-tool="size">
            <span className="tool-glyph" aria-hidden="true">
              가
            </span>{' '}
            {t('toolbar.textSize')}
          </button>
          <button type="button" className="tool" aria-pressed={contrast} onClick={() => setContrast(!contrast)} data-tool="contrast">
            <span className="tool-glyph" aria-hidden="true">
              ◐
            </span>{' '}
            {t('toolbar.contrast')}
          </button>
          <button type="button" className="tool" aria-expanded={panel === 'speech'} onClick={readScreen} data-tool="read">
            <Icon name="speaker" size={32} /> {t('toolbar.readAloud')}
          </button>
          <button type="button" className="tool" aria-expanded={panel === 'lang'} onClick={() => toggle('lang')} data-tool="lang">
            <span className="tool-glyph" aria-hidden="true">
              A/가
            </span>{' '}
            {LANGUAGES.find((l) => l.id === lang)!.name}
          </button>
        </div>
        {panel === 'lang' && (
          <div className="panel" role="group" aria-label={t('toolbar.language')}>
            {LANGUAGES.map((l) => (
              <button key={l.id} type="button" className="tool" lang={l.id} aria-pressed={lang === l.id} onClick={() => (setLang(l.id), setPanel('none'))} data-lang={l.id}>
                {l.name}
              </button>
            ))}
          </div>
        )}
        {panel === 'size' && (
          <div className="panel" role="group" aria-label={t('toolbar.textSize')}>
            {SCALES.map((x) => (
              <button key={x} type="button" className="tool" aria-pressed={scale === x} onClick={() => (setScale(x), setPanel('none'))} data-size={x * 100}>
                <span style={{ fontSize: `${x}em` }}>가</span> {t(`toolbar.size${x * 100}`)} ({x * 100}%)
              </button>
            ))}
          </div>
        )}
        {panel === 'speech' && (
          <div className="panel" role="group" aria-label={t('toolbar.readAloud')}>
            {!speech.available && <p className="note">{t('speech.unavailable')}</p>}
            {speech.speaking && <p className="speaking">{t('speech.speaking')}</p>}
            <button type="button" className="tool" onClick={speech.stop} data-speech="stop">
              ■ {t('speech.stop')}
            </button>
            <button type="button" className="tool" onClick={speech.replay} data-speech="replay">
              ↻ {t('speech.replay')}
            </button>
            <span className="panel-label">{t('speech.speed')}</span>
            {(Object.keys(RATES) as Rate[]).map((r) => (
              <button key={r} type="button" className="tool" aria-pressed={speech.rate === r} onClick={() => speech.setRate(r)} data-rate={r}>
                {t(`speech.${r}`)}
              </button>
            ))}
            <span className="panel-label">{t('speech.volume')}</span>
            {(Object.keys(VOLUMES) as Volume[]).map((v) => (
              <button key={v} type="button" className="tool" aria-pressed={speech.volume === v} onClick={() => speech.setVolume(v)} data-volume={v}>
                {t(`speech.${v}`)}
              </button>
            ))}
          </div>
        )}
      </nav>
      <main ref={main} aria-label={t('a11y.main')} data-screen={s.name}>
        <ErrorBoundary resetKey={s}>
          <Suspense fallback={<p>{t('loading')}</p>}>
            {s.name === 'home' && <Home />}
            {s.name === 'search' && <Search />}
            {s.name === 'stage' && <Stage stage={s.stage} category={s.category} />}
            {s.name === 'entry' && <Entry id={s.id} onReadAloud={readScreen} />}
            {s.name === 'centre' && <Centre />}
            {s.name === 'finder' && <Finder />}
            {s.name === 'facilities' && <Facilities category={s.category} district={s.district} openNow={s.openNow ?? false} picked={s.picked ?? null} />}
            {s.name === 'status' && <Status />}
            {s.name === 'apply' && <Apply key={`${s.service} ${s.draftId ?? ''}`} service={s.service} counsellor={s.counsellor ?? false} draftId={s.draftId} />}
            {s.name === 'receipt' && <Receipt clientId={s.clientId} service={s.service} receipt={s.receipt} submitted={s.submitted} />}
            {s.name === 'lookup' && <Lookup />}
            {s.name === 'counsellor' && <Counsellor />}
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}

function IdleWarning({ seconds, onMore, onEnd }: { seconds: number; onMore: () => void; onEnd: () => void }) {
  const { t } = useTranslation();
  const more = useRef<HTMLButtonElement>(null);
  useEffect(() => more.current?.focus(), []);
  return (
    <div className="overlay">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p id="idle-body" data-seconds={seconds}>
          {t('idle.body', { seconds })}
        </p>
        <button ref={more} type="button" className="big-button" onClick={onMore} data-idle="more">
          {t('idle.more')}
        </button>
        <button type="button" className="tool" onClick={onEnd} data-idle="end">
          {t('idle.end')}
        </button>
      </div>
    </div>
  );
}
