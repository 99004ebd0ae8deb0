/**
 * `npm run start:web -- [--port P] [--data DIR] [--location "북구 용봉동"|lon,lat] [--holidays D,D] [--open] [--no-kiosk]`
 * (entry point: web.main.ts)
 * Serves the kiosk UI and its API on 127.0.0.1 and prints the URL (with the per-launch token).
 */
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from './web.node.js';
import { chooseLaunch } from './launch.js';
import { parseLocation } from '../facilities/directory.js';

export async function runWebHost(argv: string[], opts: { electronPath: string | null } = { electronPath: null }): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      location: { type: 'string' },
      holidays: { type: 'string' },
      open: { type: 'boolean', default: false },
      'no-kiosk': { type: 'boolean', default: false },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535 (got "${values.port}")`);
  const location = values.location ? parseLocation(values.location) : undefined;
  const holidays = values.holidays ? values.holidays.split(',').map((d) => d.trim()) : [];
  for (const d of holidays) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`--holidays: "${d}" is not a date; write YYYY-MM-DD,YYYY-MM-DD`);
  const host = await startWebHost({ port, dataDir: values.data, location, holidays });
  console.log(`아이친구 1279 kiosk: open ${host.url}`);
  // The browser opens at once (it loads the UI while the core finishes loading); a core that
  // cannot start closes both and fails with its reason.
  let browser: ReturnType<typeof spawn> | undefined;
  if (values.open) {
    const launch = chooseLaunch({ electronPath: opts.electronPath, exists: existsSync, kiosk: !values['no-kiosk'] });
    if (launch.kind === 'web' && launch.browser) {
      const profile = mkdtempSync(join(tmpdir(), 'aichingu-kiosk-'));
      browser = spawn(launch.browser.path, launch.browser.args(host.url, profile), { stdio: 'ignore' });
      browser.on('exit', () => void host.close().then(() => process.exit(0)));
    }
  }
  try {
    await host.ready;
  } catch (e) {
    browser?.removeAllListeners('exit').kill();
    await host.close();
    throw e;
  }
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
