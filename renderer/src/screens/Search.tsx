import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { EntryButton } from '../components/EntryButton';
import { HangulKeyboard } from '../components/HangulKeyboard';
import { KoreanRuns } from '../components/KoreanRuns';
import { LoadFailed } from '../components/LoadFailed';
import { useCatalogueVersion } from '../lib/catalogue-version';
import { display, fromText, searchText, type ImeState } from '../lib/hangul-ime';
import { lettersOf } from '../lib/pinyin-ime';
import { usePinyinCandidates } from '../lib/use-pinyin';
import { apiError } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { SEARCH_EXAMPLES } from '../../../core/contract/lists';
import { useSearchInput } from '../session';
import type { ApiErrorBody } from '../../../core/contract/client';
import type { Lang } from '../../../core/contract/lists';
import type { Output, SearchHit } from '../../../core/contract/kiosk-api';

/** Results come a page at a time: the first page fits beside or above the keyboard; "더 보기" asks for the next. */
const PAGE = 12;

type Found = Output<'search'>;
/** The pages loaded after the first, for the first page they continue (a new input starts afresh). */
type More = { after?: Found; hits: SearchHit[]; loading?: boolean; error?: ApiErrorBody };

export function Search() {
  const { t } = useTranslation();
  const lang = useLang();
  const catalogue = useCatalogueVersion();
  const { ime, setIme, chosungMode, setChosungMode, layout, setLayout } = useSearchInput();
  const keyboard = layout(lang);
  const chosung = chosungMode && keyboard === 'hangul';
  // the input shows pinyin letters being composed; the search waits for the Chinese they become
  const query = searchText(ime);
  const candidates = usePinyinCandidates(keyboard === 'pinyin' ? lettersOf(ime) : '', catalogue);
  const input = useRef<HTMLInputElement>(null);
  // the screen's box, which the keyboard fits in (state, not a ref: the keyboard checks itself when it is there)
  const [screen, setScreen] = useState<HTMLDivElement | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [failed, setFailed] = useState<ApiErrorBody | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [shownFor, setShownFor] = useState('');
  const [more, setMore] = useState<More>({ hits: [] });
  const seq = useRef(0);

  // The request for a new input starts as the key is pressed, so the host searches while React
  // redraws the input; the effect below then picks up that same request. One at a time, held
  // by this screen only (an idle reset unmounts it with everything else).
  const pending = useRef<{ key: string; found: Promise<Found> } | null>(null);
  // (the key holds the catalogue version and the attempt too: a new catalogue, or 다시 시도, asks afresh)
  const ask = useCallback((q: string, lang: Lang, again: string): Promise<Found> => {
    const key = `${again}|${lang}|${q}`;
    if (pending.current?.key !== key) pending.current = { key, found: api.search({ query: q, limit: PAGE, lang }) };
    return pending.current.found;
  }, []);
  const again = `${catalogue}|${attempt}`;
  const change = (s: ImeState) => {
    setIme(s);
    const q = searchText(s);
    if (q.trim()) void ask(q, lang, again).catch(() => undefined);
  };

  useEffect(() => {
    const n = ++seq.current;
    if (!query.trim()) {
      setFound(null);
      setFailed(null);
      setShownFor('');
      return;
    }
    const show = (f: Found | null, error: ApiErrorBody | null) => {
      if (n !== seq.current) return; // a newer keystroke has already asked again
      setFound(f);
      setFailed(error);
      setShownFor(query);
    };
    ask(query, lang, again).then(
      (f) => show(f, null),
      (e: unknown) => {
        const error = apiError(e);
        console.error(`search failed: ${error.code}: ${error.message}`, error.requestId ?? '');
        show(null, error);
      },
    );
  }, [query, lang, again, ask]);

  // "더 보기": the next page of the same search, kept only while that first page is shown.
  const extra: More = found && more.after === found ? more : { hits: [] };
  const hits = found ? [...found.hits, ...extra.hits] : [];
  const loadMore = () => {
    const after = found;
    if (!after) return;
    const keep = (m: More) => (m.after === after ? m.hits : []);
    setMore((m) => ({ after, hits: keep(m), loading: true }));
    api.search({ query: shownFor, limit: PAGE, offset: after.hits.length + extra.hits.length, lang }).then(
      (p) => setMore((m) => ({ after, hits: [...keep(m), ...p.hits] })),
      (e: unknown) => setMore((m) => ({ after, hits: keep(m), error: apiError(e) })),
    );
  };

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

  // The screen is laid out to fit the window (styles.css: .search): the input on top, the
  // results between it and the keyboard on a portrait screen, beside the keyboard on a landscape one
  // (the keyboard makes sure it ends inside it).
  return (
    <div className="search" ref={setScreen}>
      <div className="search-head">
        <h1>{t('search.title')}</h1>
        <input
          ref={input}
          id="q"
          aria-label={t('search.label')}
          className="query"
          type="search"
          inputMode="none"
          autoComplete="off"
          value={display(ime)}
          placeholder={t('search.placeholder')}
          onChange={(e) => change(fromText(e.target.value))}
        />
      </div>
      <section className="search-results" aria-live="polite" data-query={shownFor}>
        {failed ? (
          <LoadFailed error={failed} onRetry={() => setAttempt((n) => n + 1)} />
        ) : found === null ? (
          <>
            <h2>{t('search.examples')}</h2>
            <ul className="chips">
              {SEARCH_EXAMPLES[lang].map(({ text: x }) => (
                <li key={x}>
                  <button type="button" className="chip" lang={lang} onClick={() => change(fromText(x))} data-example={x}>
                    {x}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <h2 data-results={hits.length} data-total={found.total} data-at-least={found.atLeast ? '' : undefined}>
              {found.atLeast
                ? t('search.resultsOfAtLeast', { total: found.total, count: hits.length })
                : hits.length < found.total
                  ? t('search.resultsOf', { total: found.total, count: hits.length })
                  : t('search.results', { count: hits.length })}
            </h2>
            {hits.length === 0 && <p>{t('search.noResults')}</p>}
            <ul className="entry-list">
              {hits.map((h) => (
                <EntryButton key={h.id} item={h} />
              ))}
            </ul>
            {extra.error && <LoadFailed error={extra.error} onRetry={loadMore} />}
            {!extra.error && hits.length < found.total && (
              <button type="button" className="action-button more" onClick={loadMore} disabled={extra.loading} data-more="">
                {t('search.more', { count: Math.min(PAGE, found.total - hits.length) })}
              </button>
            )}
          </>
        )}
      </section>
      <section className="search-keys">
        <HangulKeyboard ime={ime} onChange={change} layout={keyboard} onLayout={(l) => setLayout(lang, l)} chosung={chosung} onChosung={setChosungMode} pinyin={{ candidates }} fitIn={screen} />
        {/* with the keys it is about: above them on a portrait screen, under them on a landscape one (styles.css) */}
        {chosung && (
          <p className="hint">
            <KoreanRuns text={t('search.chosungOn')} />
          </p>
        )}
      </section>
    </div>
  );
}
