/**
 * The catalogue version in use, kept current by the core's `catalogue.changed` event: one
 * subscription for the whole app; every screen's data (lib/use-api) reloads when it changes,
 * so an import on a running kiosk shows at once.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';

const VersionCtx = createContext('');

export function CatalogueVersionProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState('');
  useEffect(() => api.on('catalogue.changed', (e) => setVersion(`${e.version}@${e.builtAt}`)), []);
  return <VersionCtx.Provider value={version}>{children}</VersionCtx.Provider>;
}

/** '' until the catalogue changes while the kiosk runs; then a new value at each change. */
export const useCatalogueVersion = (): string => useContext(VersionCtx);
