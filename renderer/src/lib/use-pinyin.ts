/**
 * The pinyin layout's candidates for the letters being composed, from the core (the `pinyin`
 * call: words of the catalogue in use): null while they are asked for; asked again when the
 * catalogue changes. A failed call offers none (the space key then types the letters as they are).
 */
import { useEffect, useState } from 'react';
import { api } from '../api';
import { apiError } from './use-api';
import type { PinyinCandidate } from './pinyin-ime';

export function usePinyinCandidates(letters: string, catalogue: string): readonly PinyinCandidate[] | null {
  const key = `${catalogue}|${letters}`;
  const [got, setGot] = useState<{ key: string; candidates: readonly PinyinCandidate[] } | null>(null);
  useEffect(() => {
    if (!letters) return;
    const ctl = new AbortController();
    api.pinyin({ letters }, { signal: ctl.signal }).then(
      (r) => setGot({ key, candidates: r.candidates }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        const error = apiError(e);
        console.error(`pinyin failed: ${error.code}: ${error.message}`, error.requestId ?? '');
        setGot({ key, candidates: [] });
      },
    );
    return () => ctl.abort();
  }, [key, letters]);
  return letters && got?.key === key ? got.candidates : null;
}
