import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';

// The page's CSP forbids eval: tell zod not to probe for it (each probe is a reported violation).
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
