/**
 * `npm start`: the Electron app where its binary exists; otherwise one line saying so, and the
 * launcher (core/host/launcher.node.ts): the built web host beside this file, opened in
 * Chromium's kiosk mode when one is installed, both kept running — a host that exits is started
 * again and the window sent to its new URL with the new token; a closed window is opened again.
 * The decisions are core/host/launch.ts and core/host/supervise.ts.
 *
 *   npm start -- [--no-kiosk] [--headless] [web host options: --port, --data, --location, --holidays]
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chooseLaunch } from '../core/host/launch.js';
import { runLauncher, startingPageFrom } from '../core/host/launcher.node.js';
import { resourcesFor } from '../core/env.node.js';

function electronBinary(): string | null {
  try {
    // The electron npm package exports the path of its binary (which may not have been downloaded).
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null;
  }
}

const argv = process.argv.slice(2);
const electronPath = electronBinary();
const launch = chooseLaunch({
  electronPath,
  exists: existsSync,
  kiosk: !argv.includes('--no-kiosk'),
  headless: argv.includes('--headless'),
  root: process.getuid?.() === 0,
});
if (launch.kind === 'electron') {
  spawn(launch.electronPath, ['.'], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(launch.notice);
  const hostScript = fileURLToPath(new URL('./web-host.mjs', import.meta.url));
  if (!existsSync(hostScript)) {
    console.error(`error: the web host is not built (${hostScript}); run: npm run build`);
    process.exit(2);
  }
  if (!launch.browser) console.log('No Chromium is installed (npm run setup installs it): open the link below in a browser.');
  const launcher = runLauncher({
    hostScript,
    // the kiosk's host starts its printer ahead, so the first booklet does not wait for Chromium to start
    hostArgs: [...argv.filter((a) => a !== '--no-kiosk' && a !== '--headless'), '--warm-printer'],
    browser: launch.browser,
    startingPage: await startingPageFrom(resourcesFor(import.meta.url).locales),
  });
  const stop = () => void launcher.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
