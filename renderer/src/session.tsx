/**
 * One person's session at the kiosk: where they are, what they typed, their view settings.
 * It all lives in memory, in this provider; an idle reset remounts it, so nothing survives.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { StageId } from '../../core/contract/kiosk-api';
import { EMPTY, type ImeState } from './lib/hangul-ime';

export type Screen =
  | { name: 'home' }
  | { name: 'search' }
  | { name: 'stage'; stage: StageId; category?: string }
  | { name: 'entry'; id: string }
  | { name: 'centre' }
  | { name: 'finder' };

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
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stack, setStack] = useState<Screen[]>([{ name: 'home' }]);
  const [ime, setIme] = useState<ImeState>(EMPTY);
  const [chosungMode, setChosungMode] = useState(false);
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
    }),
    [stack, ime, chosungMode],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
