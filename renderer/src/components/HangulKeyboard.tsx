/**
 * The on-screen keyboard, keys of at least 64 px. Hangul: consonants in ㄱㄴㄷ order, every vowel
 * (the compound ones ㅘ ㅝ ㅢ … as keys of their own), digits; composes syllables as it goes
 * (lib/hangul-ime). 초성 mode shows consonants only. Latin: a–z and digits, for English and
 * Vietnamese readers. Pinyin (拼音, where the screen gives the candidates: the search): a–z (v for
 * ü) spell Chinese words of the catalogue, offered in a row of candidate keys above the letters
 * (lib/pinyin-ime); Chinese readers start with it. Each layout can switch to the others (to
 * pinyin when the kiosk is in Chinese).
 *
 * With a physical keyboard the on-screen keys stay out of the way: they are not in the tab order
 * (typing goes to the search input), and tapping one does not take the focus from the input.
 *
 * Given a box to fit in (the search screen), the keyboard checks before it is painted that its
 * last row ends inside it; where it would not on a landscape screen (a 1366×768 laptop at 200 %
 * text, in English or Vietnamese, whose toolbar takes two rows and whose control labels are long,
 * on the Hangul keys), its controls go in a column beside the letter keys and it takes more of
 * the screen's width (styles.css: data-controls="beside"). It also checks that the screen's other
 * column, the input and the results, keeps room beside it: where it would not (a laptop's browser
 * zoomed to 150 or 200 %, 911 or 683 px wide), the keyboard takes the whole width and the results
 * go below it (data-fit="stacked"; the page scrolls), as they do on a portrait screen where the
 * keyboard alone would end below it.
 */
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { backspace, display, typeChosung, typeKey, EMPTY, KEYS, type ImeState, type KeyboardLayout } from '../lib/hangul-ime';
import { flush, lettersOf, pick, space, typePinyin, type PinyinCandidate } from '../lib/pinyin-ime';
import { useLang } from '../lib/use-lang';
import { KoreanRuns } from './KoreanRuns';

const keepFocus = (e: MouseEvent) => e.preventDefault();

interface Props {
  ime: ImeState;
  onChange: (s: ImeState) => void;
  layout: KeyboardLayout;
  onLayout: (l: KeyboardLayout) => void;
  /** 초성 mode (Hangul only) */
  chosung: boolean;
  onChosung: (b: boolean) => void;
  /** offer the 초성 key (a search: ㄱㅈ finds 긴급지원); a name or an address has no use for it */
  chosungKey?: boolean;
  /**
   * The pinyin layout's candidates for the letters being composed (null while they are asked
   * for). Without it there is no pinyin layout (a name or an address is written in Korean): the
   * keyboard shows Hangul instead.
   */
  pinyin?: { candidates: readonly PinyinCandidate[] | null };
  /** the box the keyboard must end inside (the search screen fits the window): see useArrangement */
  fitIn?: HTMLElement | null;
}

export function HangulKeyboard({ ime, onChange, layout: asked, onLayout, chosung, onChosung, chosungKey = true, pinyin, fitIn }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [shift, setShift] = useState(false);
  const layout = asked === 'pinyin' && !pinyin ? 'hangul' : asked;
  const hangul = layout === 'hangul';
  const board = useRef<HTMLDivElement>(null);
  const arrangement = useArrangement(board, fitIn, `${layout}|${chosung}|${shift}|${lang}`);
  const press = (k: string) => {
    onChange(layout === 'pinyin' ? typePinyin(ime, k) : hangul && chosung ? typeChosung(ime, k) : typeKey(ime, k));
    setShift(false);
  };
  const key = (k: string) => (
    <button key={k} type="button" className="key" tabIndex={-1} onMouseDown={keepFocus} onClick={() => press(k)} aria-label={k}>
      {k}
      {layout === 'pinyin' && k === 'v' && <span className="key-alt">ü</span>}
    </button>
  );
  const control = (label: string, onClick: () => void, o: { pressed?: boolean; disabled?: boolean; data?: Record<string, string> } = {}) => (
    <button type="button" className="key wide" tabIndex={-1} onMouseDown={keepFocus} onClick={onClick} aria-pressed={o.pressed} disabled={o.disabled} {...o.data}>
      <KoreanRuns text={label} />
    </button>
  );
  /** to another layout: letters being composed are typed as they are */
  const switchTo = (l: KeyboardLayout) => {
    if (lettersOf(ime)) onChange(flush(ime));
    if (l !== 'hangul') onChosung(false);
    setShift(false);
    onLayout(l);
  };
  const toLayout = (l: KeyboardLayout) => control(t(l === 'latin' ? 'search.toLatin' : l === 'hangul' ? 'search.toHangul' : 'search.toPinyin'), () => switchTo(l), { data: { 'data-layout-switch': l } });
  // every layout switches to the others — to pinyin only when the kiosk is in Chinese (a reader of
  // another language picks 中文 first; on a laptop at 200 % each control more makes the keyboard taller,
  // or sends its controls beside the letters, with less room for the results)
  const toPinyin: KeyboardLayout[] = pinyin && lang === 'zh' ? ['pinyin'] : [];
  const others: KeyboardLayout[] = layout === 'pinyin' ? ['hangul', 'latin'] : [hangul ? 'latin' : 'hangul', ...toPinyin];
  return (
    <div ref={board} className="keyboard" role="group" aria-label={t('a11y.keyboard')} data-layout={layout} data-controls={arrangement === 'beside' ? 'beside' : undefined} data-fit={arrangement === 'stacked' ? 'stacked' : undefined}>
      {layout === 'pinyin' && pinyin && <Candidates letters={lettersOf(ime)} candidates={pinyin.candidates} onPick={(c) => onChange(pick(ime, c))} />}
      <div className="key-letters">
        {hangul ? (
          <>
            {/* with the 된소리 shown (된소리 or 초성 on) a landscape screen lays the consonants 10 across (styles.css): no row more than without */}
            <div className={shift || chosung ? 'key-row consonants with-doubles' : 'key-row consonants'}>
              {KEYS.consonants.map(key)}
              {(shift || chosung) && KEYS.doubleConsonants.map(key)}
            </div>
            {!chosung && <div className="key-row">{[...KEYS.vowels, ...KEYS.compoundVowels].map(key)}</div>}
          </>
        ) : (
          <div className="key-row">{KEYS.latin.map(key)}</div>
        )}
      </div>
      <div className="key-row digits">{KEYS.digits.map(key)}</div>
      <div className="key-row controls">
        {hangul && !chosung && control(t('search.shift'), () => setShift(!shift), { pressed: shift })}
        {control(t('search.space'), () => onChange(layout === 'pinyin' ? space(ime, pinyin?.candidates ?? null) : typeKey(ime, ' ')))}
        {control(`⌫ ${t('search.backspace')}`, () => onChange(backspace(ime)))}
        {control(t('search.clear'), () => onChange(EMPTY), { disabled: display(ime) === '' })}
        {hangul && chosungKey && control(chosung ? t('search.hangul') : t('search.chosung'), () => onChosung(!chosung), { pressed: chosung })}
        {others.map((l) => (
          <Fragment key={l}>{toLayout(l)}</Fragment>
        ))}
      </div>
    </div>
  );
}

/**
 * How the keyboard stands on the screen. 'under': as usual (the controls in rows under the
 * digits; on a landscape screen the input and the results beside the keyboard). Where its last
 * row would then end below `fitIn`'s bottom on a landscape screen, 'beside': the controls in a
 * column beside the letter keys. Where either leaves the screen's other column narrower than
 * RESULTS_ROOM (the keyboard's column is never narrower than its keys: styles.css), 'stacked':
 * the keyboard takes the whole width, the results below it. A portrait screen keeps its keyboard
 * at the bottom, under the results, as tall as it is — unless its last row would end below
 * `fitIn`'s bottom (a portrait window at 200 % browser zoom, 540 × 960 px): 'stacked' too.
 * Checked before the keyboard is painted, again whenever `arrangement` (what the keyboard shows,
 * in which language) or the box's size changes (the window, or the toolbar as the text size
 * changes) or a font arrives, and never for an unchanged arrangement (not on every key).
 */
function useArrangement(board: RefObject<HTMLElement | null>, fitIn: HTMLElement | null | undefined, arrangement: string): Arrangement {
  const [box, setBox] = useState('');
  useLayoutEffect(() => {
    if (!fitIn) return;
    const size = () => setBox(`${fitIn.clientWidth}×${fitIn.clientHeight}`);
    size();
    const observer = new ResizeObserver(size);
    observer.observe(fitIn);
    return () => observer.disconnect();
  }, [fitIn]);
  // fonts loaded after the check (a script's glyphs come as they are first shown) change how the labels wrap: check again
  const [fonts, setFonts] = useState(0);
  useEffect(() => {
    const loaded = () => setFonts((n) => n + 1);
    document.fonts.addEventListener('loadingdone', loaded);
    return () => document.fonts.removeEventListener('loadingdone', loaded);
  }, []);
  const key = `${arrangement}|${box}|${fonts}`;
  // the arrangement (and box) last checked: how the keyboard is shown, and whether that is settled
  // (a keyboard tried beside its controls is measured again, before it is painted)
  const [checked, setChecked] = useState<{ key: string; shown: Arrangement; settled: boolean }>({ key: '', shown: 'under', settled: false });
  const shown = checked.key === key ? checked.shown : 'under';
  useLayoutEffect(() => {
    if ((checked.key === key && checked.settled) || !fitIn || !box || !board.current) return;
    const settle = (a: Arrangement) => setChecked({ key, shown: a, settled: true });
    const keys = board.current.getBoundingClientRect();
    const screen = fitIn.getBoundingClientRect();
    const below = keys.bottom > screen.bottom + 0.5;
    // portrait: the results between the input and the keyboard, unless the keyboard alone is taller than that room
    if (window.innerWidth < window.innerHeight) return settle(below ? 'stacked' : 'under');
    // the screen's other column, from the keyboard's right edge (the gap between them included)
    if (screen.right - keys.right < RESULTS_ROOM) return settle('stacked');
    if (shown === 'under' && below) setChecked({ key, shown: 'beside', settled: false });
    else settle(shown);
  }, [checked.key, checked.settled, shown, key, fitIn, box, board]);
  return shown;
}

type Arrangement = 'under' | 'beside' | 'stacked';

/**
 * The least room the results need beside the keyboard on a landscape screen (their column and the
 * 24 px gap before it): a result's title about ten Korean syllables a line at 100 %. A 1366 px
 * laptop leaves 542 px (422 px with the controls beside); at 125 % browser zoom (1093 px) 297 px;
 * at 150 % (911 px) 115 px, too little: the results go below the keyboard.
 */
const RESULTS_ROOM = 264;

/**
 * The pinyin layout's candidates: one row of keys above the letters, as many as fit (measured
 * before the row is painted), and 더 보기 for the next ones while there are more (after the last,
 * the first again). Before any letter, the row says what to do; it keeps its height either way,
 * so the keys do not move when the first letter is typed.
 */
function Candidates({ letters, candidates, onPick }: { letters: string; candidates: readonly PinyinCandidate[] | null; onPick: (c: PinyinCandidate) => void }) {
  const { t } = useTranslation();
  const row = useRef<HTMLDivElement>(null);
  // which candidates are shown: from `start`, `fit` of them — for these candidates at this width (new ones start afresh)
  const [state, setState] = useState({ for: candidates, width: 0, start: 0, fit: MAX_SHOWN });
  const [width, setWidth] = useState(0);
  const fresh = { for: candidates, width, start: 0, fit: MAX_SHOWN };
  const view = state.for === candidates && state.width === width ? state : fresh;
  const update = (f: (v: typeof view) => typeof view) => setState((s) => f(s.for === candidates && s.width === width ? s : fresh));
  const list = candidates ?? [];
  const shown = list.slice(view.start, view.start + view.fit);
  const more = list.length > shown.length;
  useLayoutEffect(() => {
    const r = row.current;
    if (!r) return;
    const observer = new ResizeObserver(() => setWidth(r.clientWidth));
    observer.observe(r);
    return () => observer.disconnect();
  }, []);
  // one fewer until the row fits (each pass before the row is painted)
  const overflows = () => {
    const last = row.current?.lastElementChild;
    // (by the keys' edges, not scrollWidth, which is rounded: a key out by half a pixel is cut off too)
    return !!last && last.getBoundingClientRect().right > row.current!.getBoundingClientRect().right + 0.5;
  };
  useLayoutEffect(() => {
    if (shown.length > 1 && overflows()) update((v) => ({ ...v, fit: shown.length - 1 }));
  });
  const next = () => update((v) => ({ ...v, start: v.start + shown.length >= list.length ? 0 : v.start + shown.length }));
  return (
    <div ref={row} className="key-row candidates" role="group" aria-label={t('search.candidates')} data-letters={letters} data-candidates={candidates === null ? undefined : list.length}>
      {!letters ? (
        <p className="hint">{t('search.pinyinHint')}</p>
      ) : candidates !== null && list.length === 0 ? (
        <p className="hint">{t('search.noCandidates')}</p>
      ) : (
        shown.map((c) => (
          <button key={c.text} type="button" className="key candidate" tabIndex={-1} onMouseDown={keepFocus} onClick={() => onPick(c)} aria-label={c.text} lang="zh" data-candidate={c.text} title={c.pinyin}>
            {c.text}
          </button>
        ))
      )}
      {more && (
        <button type="button" className="key wide more-candidates" tabIndex={-1} onMouseDown={keepFocus} onClick={next} data-more-candidates="">
          {t('search.moreCandidates')}
        </button>
      )}
    </div>
  );
}

/** The most candidates one row is tried with (as many as fit are shown). */
const MAX_SHOWN = 12;
