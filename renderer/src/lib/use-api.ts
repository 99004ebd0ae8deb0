import { useCallback, useEffect, useState } from 'react';
import { KioskApiError, type ApiErrorBody } from '../../../core/contract/client';
import { useCatalogueVersion } from './catalogue-version';

/** Any failure as the contract's error body (a KioskApiError carries one; anything else is internal). */
export function apiError(e: unknown): ApiErrorBody {
  if (e instanceof KioskApiError) return e.body;
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export interface ApiState<T> {
  data?: T;
  error?: ApiErrorBody;
  loading: boolean;
  /** asks again (after a failure) */
  retry: () => void;
}

/**
 * Runs an API call when its inputs change, when the catalogue changes, and on retry. A newer
 * call cancels the older one (the signal), so a late answer never replaces a newer one.
 * While it reloads, the data already shown stays.
 */
export function useApi<T>(call: (signal: AbortSignal) => Promise<T>, deps: unknown[]): ApiState<T> {
  const catalogue = useCatalogueVersion();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<ApiState<T>, 'retry'>>({ loading: true });
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    call(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ data, loading: false });
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        const error = apiError(e);
        console.error(`load failed: ${error.code}: ${error.message}`, error.requestId ?? '');
        setState({ error, loading: false });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, catalogue, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
