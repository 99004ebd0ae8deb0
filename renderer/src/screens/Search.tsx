import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { EntryButton } from '../components/EntryButton';
import { HangulKeyboard } from '../components/HangulKeyboard';
import { LoadFailed } from '../components/LoadFailed';
import { useCatalogueVersion } from '../lib/catalogue-version';
import { display, fromText, type ImeState } from '../lib/hangul-ime';
import { apiError } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { useSearchInput } from '../session';
import type { ApiErrorBody } from '../../../core/contract/client';
import type { Lang } from '../../../core/contract/lists';
import type { SearchHit } from '../../../core/contract/kiosk-api';

const EXAMPLES = ['아이돌봄', 'ㅇㅇㄷㅂ', '애기 아플때', '할머니', '첫만남이용권'];

export function Search() {
  const { t } = useTranslation();
  const lang = useLang();
  const catalogue = useCatalogueVersion();
  const { ime, setIme, chosungMode, setChosungMode, layout, setLayout } = useSearchInput();
  const keyboard = layout(lang);
  const chosung = chosungMode && keyboard === 'hangul';
  const query = display(ime);
  const input = useRef<HTMLInputElement>(null);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [failed, setFailed] = useState<ApiErrorBody | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [shownFor, setShownFor] = useState('');
  const seq = useRef(0);

  // The request for a new input starts as the key is pressed, so the host searches while React
  // redraws the input; the effect below then picks up that same request. One at a time, held
  // by this screen only (an idle reset unmounts it with everything else).
  const pending = useRef<{ key: string; hits: Promise<SearchHit[]> } | null>(null);
  // (the key holds the catalogue version and the attempt too: a new catalogue, or 다시 시도, asks afresh)
  const ask = useCallback((q: string, lang: Lang, again: string): Promise<SearchHit[]> => {
    const key = `${again}|${lang}|${q}`;
    if (pending.current?.key !== key) pending.current = { key, hits: api.search({ query: q, limit: 12, lang }).then((r) => r.hits) };
    return pending.current.hits;
  }, []);
  const again = `${catalogue}|${attempt}`;
  const change = (s: ImeState) => {
    setIme(s);
    const q = display(s);
    if (q.trim()) void ask(q, lang, again).catch(() => undefined);
  };

  useEffect(() => {
    const n = ++seq.current;
    if (!query.trim()) {
      setHits(null);
      setFailed(null);
      setShownFor('');
      return;
    }
    const show = (h: SearchHit[] | null, error: ApiErrorBody | null) => {
      if (n !== seq.current) return; // a newer keystroke has already asked again
      setHits(h);
      setFailed(error);
      setShownFor(query);
    };
    ask(query, lang, again).then(
      (h) => show(h, null),
      (e: unknown) => {
        const error = apiError(e);
        console.error(`search failed: ${error.code}: ${error.message}`, error.requestId ?? '');
        show(null, error);
      },
    );
  }, [query, lang, again, ask]);

  // A physical keyboard: what is typed while the focus is on no control (the screen's heading,
  // where each screen puts it) goes into the search input.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const at = document.activeElement;
      const idle = !at || at === document.body || at.matches('main h1, main h2');
      if (!idle || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if ((e.key.length === 1 && e.key !== ' ') || e.key === 'Backspace') input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="search">
      <h1>{t('search.title')}</h1>
      <div className="search-layout">
        <section className="search-input">
          <label htmlFor="q">{t('search.label')}</label>
          <input
            ref={input}
            id="q"
            className="query"
            type="search"
            inputMode="none"
            autoComplete="off"
            value={query}
            placeholder={t('search.placeholder')}
            onChange={(e) => change(fromText(e.target.value))}
          />
          {chosung && <p className="hint">{t('search.chosungOn')}</p>}
          <HangulKeyboard ime={ime} onChange={change} layout={keyboard} onLayout={(l) => setLayout(lang, l)} chosung={chosung} onChosung={setChosungMode} />
        </section>
        <section className="search-results" aria-live="polite" data-query={shownFor}>
          {failed ? (
            <LoadFailed error={failed} onRetry={() => setAttempt((n) => n + 1)} />
          ) : hits === null ? (
            <>
              <h2>{t('search.examples')}</h2>
              <ul className="chips">
                {EXAMPLES.map((x) => (
                  <li key={x}>
                    <button type="button" className="chip" onClick={() => change(fromText(x))}>
                      {x}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <h2 data-results={hits.length}>{t('search.results', { count: hits.length })}</h2>
              {hits.length === 0 && <p>{t('search.noResults')}</p>}
              <ul className="entry-list">
                {hits.map((h) => (
                  <EntryButton key={h.id} item={h} />
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
