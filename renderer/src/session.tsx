/**
 * One person's session at the kiosk: where they are, what they typed, their view settings.
 * It all lives in memory, in this provider; an idle reset remounts it, so nothing survives.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { StageId } from '../../core/contract/kiosk-api';
import { EMPTY, type ImeState } from './lib/hangul-ime';
import type { Answers } from './lib/questionnaire';

export type Screen =
  | { name: 'home' }
  | { name: 'search' }
  | { name: 'stage'; stage: StageId; category?: string }
  | { name: 'entry'; id: string }
  | { name: 'centre' }
  | { name: 'finder' }
  | { name: 'facilities' };

export interface Session {
  screen: Screen;
  canGoBack: boolean;
  go: (s: Screen) => void;
  replace: (s: Screen) => void;
  back: () => void;
  home: () => void;
  ime: ImeState;
  setIme: (s: ImeState) => void;
  chosungMode: boolean;
  setChosungMode: (b: boolean) => void;
  /** the finder's answers: memory only, gone on idle reset */
  answers: Answers;
  setAnswers: (a: Answers) => void;
  step: number;
  setStep: (n: number) => void;
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stack, setStack] = useState<Screen[]>([{ name: 'home' }]);
  const [ime, setIme] = useState<ImeState>(EMPTY);
  const [chosungMode, setChosungMode] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const [step, setStep] = useState(0);
  const value = useMemo<Session>(
    () => ({
      screen: stack[stack.length - 1],
      canGoBack: stack.length > 1,
      go: (s) => setStack((st) => [...st, s]),
      replace: (s) => setStack((st) => [...st.slice(0, -1), s]),
      back: () => setStack((st) => (st.length > 1 ? st.slice(0, -1) : st)),
      home: () => setStack([{ name: 'home' }]),
      ime,
      setIme,
      chosungMode,
      setChosungMode,
      answers,
      setAnswers,
      step,
      setStep,
    }),
    [stack, ime, chosungMode, answers, step],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
