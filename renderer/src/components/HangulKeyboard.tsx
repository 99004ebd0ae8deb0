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
 * the screen's width (styles.css: data-controls="beside").
 */
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { backspace, display, typeChosung, typeKey, EMPTY, KEYS, type ImeState, type KeyboardLayout } from '../lib/hangul-ime';
import { flush, lettersOf, pick, space, typePinyin, type PinyinCandidate } from '../lib/pinyin-ime';
import { useLang } from '../lib/use-lang';

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
  /** the box the keyboard must end inside (the search screen fits the window): see useControlsBeside */
  fitIn?: HTMLElement | null;
}

export function HangulKeyboard({ ime, onChange, layout: asked, onLayout, chosung, onChosung, chosungKey = true, pinyin, fitIn }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [shift, setShift] = useState(false);
  const layout = asked === 'pinyin' && !pinyin ? 'hangul' : asked;
  const hangul = layout === 'hangul';
  const board = useRef<HTMLDivElement>(null);
  const beside = useControlsBeside(board, fitIn, `${layout}|${chosung}|${shift}|${lang}`);
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
      {label}
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
    <div ref={board} className="keyboard" role="group" aria-label={t('a11y.keyboard')} data-layout={layout} data-controls={beside ? 'beside' : undefined}>
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
 * Whether the controls go beside the letter keys: the keyboard is first laid out as usual (the
 * controls in rows under the digits), and where its last row would end below `fitIn`'s bottom on
 * a landscape screen, beside them — checked before the keyboard is painted, again whenever
 * `arrangement` (what the keyboard shows, in which language) or the box's size changes (the
 * window, or the toolbar as the text size changes) or a font arrives, and never for an unchanged
 * arrangement (not on every key). A portrait screen keeps its keyboard at the bottom, as tall as it is.
 */
function useControlsBeside(board: RefObject<HTMLElement | null>, fitIn: HTMLElement | null | undefined, arrangement: string): boolean {
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
  // the arrangement (and box) last checked, and whether it needed the controls beside
  const [checked, setChecked] = useState({ key: '', beside: false });
  const beside = checked.key === key && checked.beside;
  useLayoutEffect(() => {
    if (checked.key === key || !fitIn || !box || !board.current) return;
    const landscape = window.innerWidth >= window.innerHeight;
    const below = board.current.getBoundingClientRect().bottom > fitIn.getBoundingClientRect().bottom + 0.5;
    setChecked({ key, beside: landscape && below });
  }, [checked.key, key, fitIn, box, board]);
  return beside;
}

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
