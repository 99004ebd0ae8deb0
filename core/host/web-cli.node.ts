/**
 * `npm run start:web -- [--port P] [--data DIR] [--location "북구 용봉동"|lon,lat] [--holidays D,D] [--open] [--no-kiosk] [--warm-printer]`
 * (entry point: web-main.node.ts)
 * Serves the kiosk UI and its API on 127.0.0.1 and prints the URL (with the per-launch token).
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { startWebHost } from './web-host.node.js';
import { chooseLaunch } from './launch.js';
import { openKioskBrowser, type KioskBrowser } from './kiosk-browser.node.js';
import { parseLocation } from '../facilities/directory.js';
import { nodeHostEnv } from '../env.node.js';
import { createLogger } from '../log.node.js';
import { syncIntervalMs } from '../sync/schedule.js';

export class StartError extends Error {}

/** With --warm-printer: how long after the core is up the printer starts (the first screen drawn and answered first). */
export const PRINTER_WARM_AFTER_MS = 5000;

export async function runWebHost(argv: string[], opts: { electronPath: string | null; moduleUrl: string }): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      location: { type: 'string' },
      holidays: { type: 'string' },
      open: { type: 'boolean', default: false },
      'no-kiosk': { type: 'boolean', default: false },
      // start the printer (Chromium for PDFs) a few seconds after the core, not at the first print (npm start's launcher gives it)
      'warm-printer': { type: 'boolean', default: false },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartError(`--port must be a number from 0 to 65535 (got "${values.port}")`);
  const location = values.location ? parseLocation(values.location) : undefined;
  const holidays = values.holidays ? values.holidays.split(',').map((d) => d.trim()) : [];
  for (const d of holidays) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new StartError(`--holidays: "${d}" is not a date; write YYYY-MM-DD,YYYY-MM-DD`);
  let syncEveryMs: number;
  try {
    syncEveryMs = syncIntervalMs(process.env.AICHINGU_SYNC_MINUTES);
  } catch (e) {
    throw new StartError((e as Error).message);
  }
  const env = nodeHostEnv({ moduleUrl: opts.moduleUrl, name: 'web-host', dataDir: values.data, location, holidays, createLogger: (name) => createLogger({ name }) });
  let host;
  try {
    host = await startWebHost({ port, env, syncEveryMs, ...(values['warm-printer'] ? { warmPrinterAfterMs: PRINTER_WARM_AFTER_MS } : {}) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new StartError(`port ${port} is already in use on 127.0.0.1; stop what uses it or choose another with --port`);
    throw e;
  }
  console.log(`아이친구 1279 kiosk: open ${host.url}`);
  // The browser opens at once (it loads the UI while the core finishes loading), gets the token
  // over its DevTools pipe (never in its command line); a core that cannot start closes both
  // and fails with its reason. Closing the window stops the host (`npm start` supervises both).
  let browser: KioskBrowser | undefined;
  let failed = false;
  const stop = (code: number) =>
    void Promise.all([browser?.close(), host.close()]).then(() => process.exit(code));
  if (values.open) {
    const launch = chooseLaunch({ electronPath: opts.electronPath, exists: existsSync, kiosk: !values['no-kiosk'], root: process.getuid?.() === 0 });
    if (launch.kind === 'web' && launch.browser) {
      browser = await openKioskBrowser(launch.browser);
      browser.show(`http://127.0.0.1:${host.port}`, host.token).catch((e: Error) => console.error(`error: the kiosk window could not open the kiosk: ${e.message}`));
      void browser.exited.then(() => failed || stop(0));
    }
  }
  try {
    await host.ready;
  } catch (e) {
    failed = true;
    await Promise.all([browser?.close(), host.close()]);
    throw new StartError(`the kiosk cannot start: ${(e as Error).message}`);
  }
  // Started by npm start's launcher: end with it, even when it is killed outright (its end of our standard input closes).
  if (process.env.AICHINGU_LAUNCHED === '1') {
    process.stdin.once('close', () => stop(0));
    process.stdin.resume();
  }
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
}
