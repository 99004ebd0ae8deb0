/**
 * One person's session at the kiosk: where they are, what they typed, their view settings.
 * It all lives in memory, in this provider; an idle reset remounts it, so nothing survives.
 */
import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { StageId } from '../../core/contract/kiosk-api';
import type { Lang } from '../../core/contract/lists';
import { EMPTY, layoutFor, type ImeState, type KeyboardLayout } from './lib/hangul-ime';
import type { Answers } from '../../core/contract/questionnaire';

export type Screen =
  | { name: 'home' }
  | { name: 'search' }
  | { name: 'stage'; stage: StageId; category?: string }
  | { name: 'entry'; id: string }
  | { name: 'centre' }
  | { name: 'finder' }
  /** the directory with the filters chosen (kept in the screen: a facility opened and closed comes back to them) */
  | { name: 'facilities'; category?: string; district?: string; openNow?: boolean; picked?: string[] }
  | { name: 'status' }
  /** a service's form (issue 14); `counsellor`: on a family's behalf, by the signed-in counsellor (drafts, counsellorSubmit); `draftId`: a saved draft to go on with */
  | { name: 'apply'; service: string; counsellor?: boolean; draftId?: string }
  /** an application just submitted: its receipt (from its envelope: nothing personal) */
  | { name: 'receipt'; clientId: string; service: string; receipt: string | null; submitted: 'received' | 'requested' }
  /** 신청 확인: the status of an application by its receipt number and phone (a kiosk that is online) */
  | { name: 'lookup' }
  /** the counsellor mode: sign-in, then the dashboard (queue, drafts, visit log and survey, USB) */
  | { name: 'counsellor' };

/** Where the person is; the functions are stable, so screens that only navigate never re-render for typing. */
export interface Nav {
  screen: Screen;
  canGoBack: boolean;
  go: (s: Screen) => void;
  replace: (s: Screen) => void;
  /** The toolbar's 뒤로 (and Esc, Alt+←): a step back within the screen if it has one (the finder's previous question), else the previous screen. */
  back: () => void;
  home: () => void;
  /** A screen with steps of its own says how to go one step back (true: done), or null at its first step. */
  setStepBack: (f: (() => boolean) | null) => void;
}

/** What they have typed on the search screen (kept when they open a result and come back). */
export interface SearchInput {
  ime: ImeState;
  setIme: (s: ImeState) => void;
  chosungMode: boolean;
  setChosungMode: (b: boolean) => void;
  /** The on-screen keyboard's layout: the language's own (Latin for en and vi), unless the person switched it for that language. */
  layout: (lang: Lang) => KeyboardLayout;
  setLayout: (lang: Lang, l: KeyboardLayout) => void;
}

/** The finder's answers: memory only, gone on idle reset. */
export interface FinderAnswers {
  answers: Answers;
  setAnswers: (a: Answers) => void;
  step: number;
  setStep: (n: number) => void;
}

const HOME: Screen = { name: 'home' };

// Three contexts rather than one, so a keystroke re-renders the search screen and not the whole app.
const NavCtx = createContext<Nav | null>(null);
const SearchCtx = createContext<SearchInput | null>(null);
const FinderCtx = createContext<FinderAnswers | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stack, setStack] = useState<Screen[]>([{ name: 'home' }]);
  const [ime, setIme] = useState<ImeState>(EMPTY);
  const [chosungMode, setChosungMode] = useState(false);
  const [layouts, setLayouts] = useState<Partial<Record<Lang, KeyboardLayout>>>({});
  const [answers, setAnswers] = useState<Answers>({});
  const [step, setStep] = useState(0);
  const stepBack = useRef<(() => boolean) | null>(null);
  const moves = useMemo(
    () => ({
      go: (s: Screen) => setStack((st) => [...st, s]),
      replace: (s: Screen) => setStack((st) => [...st.slice(0, -1), s]),
      back: () => {
        if (stepBack.current?.()) return;
        setStack((st) => (st.length > 1 ? st.slice(0, -1) : st));
      },
      home: () => setStack([{ name: 'home' }]),
      setStepBack: (f: (() => boolean) | null) => {
        stepBack.current = f;
      },
    }),
    [],
  );
  const nav = useMemo<Nav>(() => ({ screen: stack.at(-1) ?? HOME, canGoBack: stack.length > 1, ...moves }), [stack, moves]);
  const search = useMemo<SearchInput>(
    () => ({ ime, setIme, chosungMode, setChosungMode, layout: (lang) => layouts[lang] ?? layoutFor(lang), setLayout: (lang, l) => setLayouts((ls) => ({ ...ls, [lang]: l })) }),
    [ime, chosungMode, layouts],
  );
  const finder = useMemo<FinderAnswers>(() => ({ answers, setAnswers, step, setStep }), [answers, step]);
  return (
    <NavCtx.Provider value={nav}>
      <SearchCtx.Provider value={search}>
        <FinderCtx.Provider value={finder}>{children}</FinderCtx.Provider>
      </SearchCtx.Provider>
    </NavCtx.Provider>
  );
}

function need<T>(v: T | null, name: string): T {
  if (!v) throw new Error(`${name} outside SessionProvider`);
  return v;
}
export const useNav = (): Nav => need(useContext(NavCtx), 'useNav');
export const useSearchInput = (): SearchInput => need(useContext(SearchCtx), 'useSearchInput');
export const useFinderAnswers = (): FinderAnswers => need(useContext(FinderCtx), 'useFinderAnswers');
