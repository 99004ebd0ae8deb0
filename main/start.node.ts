/**
 * `npm start`: the Electron app where its binary exists; otherwise one line saying so, and the
 * web host opened in Chromium's kiosk mode (when installed). The decision is core/host/launch.ts.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { chooseLaunch } from '../core/host/launch.js';
import { runWebHost } from '../core/host/web-cli.node.js';

function electronBinary(): string | null {
  try {
    // The electron npm package exports the path of its binary (which may not have been downloaded).
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null;
  }
}

const electronPath = electronBinary();
const launch = chooseLaunch({ electronPath, exists: existsSync, kiosk: !process.argv.includes('--no-kiosk') });
if (launch.kind === 'electron') {
  spawn(launch.electronPath, ['.'], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(launch.notice);
  await runWebHost(['--open', ...process.argv.slice(2)], { electronPath, moduleUrl: import.meta.url }).catch((e: Error) => {
    console.error(`error: ${e.message}`);
    process.exit(2);
  });
}
