// Runs the BUILT main process (argv[2]: dist/main/main.mjs) under Node with the fake electron
// module (fake-electron.mjs) in electron's place, plays Electron's part, and prints one JSON
// report of what the shell did (main/shell.smoke.test.ts reads it). Not part of the app.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const fakeUrl = new URL('./fake-electron.mjs', import.meta.url).href;
const hook = `export async function resolve(s, c, next) { return s === 'electron' ? { url: ${JSON.stringify(fakeUrl)}, shortCircuit: true } : next(s, c); }`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const fake = await import(fakeUrl);
await import(pathToFileURL(process.argv[2]).href);

const report = { beforeReady: fake.calls.map((c) => c[0]) };
const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));
if (process.env.FAKE_ELECTRON_SECOND === '1') {
  fake.fireReady();
  await settle();
  report.calls = fake.calls;
  report.windows = fake.windows.length;
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}
fake.fireReady();
await settle(100);
const win = fake.windows[0];
const wc = win.webContents;
report.calls = fake.calls;
report.window = { options: { ...win.options, webPreferences: win.options.webPreferences } };

// permissions
const granted = [];
fake.session.requestHandler?.(wc, 'geolocation', (ok) => granted.push(ok), { requestingUrl: 'app://kiosk/', isMainFrame: true });
report.permissions = { request: granted, check: fake.session.checkHandler?.(wc, 'notifications', 'app://kiosk', { isMainFrame: true }), device: fake.session.deviceHandler?.({}) };

// app:// requests
const serve = fake.protocol.handlers.get('app');
report.protocol = {};
const windowsBefore = fake.windows.length;
for (const url of JSON.parse(process.env.FAKE_ELECTRON_URLS ?? '[]')) {
  const res = await serve(new Request(url));
  const text = await res.text();
  // the page's data block of the kiosk's settings (SETTINGS_IN_PAGE_ID), when it carries one
  const pageSettings = /<script type="application\/json" id="kiosk-settings">([^<]*)<\/script>/.exec(text)?.[1] ?? null;
  report.protocol[url] = { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), body: text.slice(0, 200), pageSettings };
}

// the windows PDFs were made in (a sheet's PDF asked for above)
const pdfWin = fake.windows.slice(windowsBefore).find((w) => w.options?.webPreferences?.partition === 'print-pdf');
report.pdfWindow = pdfWin ? { options: pdfWin.options, loaded: { ...pdfWin.loaded, body: pdfWin.loaded?.body.slice(0, 300) }, destroyed: !!pdfWin.destroyed } : null;

// the kiosk channel: from the kiosk's page, and from a sub-frame
const call = fake.ipcMain.handlers.get('kiosk:call');
const page = { sender: wc, senderFrame: { url: 'app://kiosk/', parent: null } };
report.ipc = {
  info: await call(page, { method: 'info', callId: 'smoke-info-1', input: {} }),
  subFrame: await call({ sender: wc, senderFrame: { url: 'app://kiosk/print/sheet/x.pdf', parent: {} } }, { method: 'info', callId: 'smoke-info-2', input: {} }),
  unknown: await call(page, { method: 'openExternal', callId: 'smoke-info-3', input: {} }),
};

// printing straight to the printer: a sheet from the core, through the channel, into a hidden print window
const sheet = await call(page, { method: 'sheet', callId: 'smoke-sheet', input: { id: 'gj-grandparent-caregiver' } });
const before = fake.windows.length;
report.printOut = await call(page, { method: 'printOut', callId: 'smoke-print', input: { html: sheet.value.html, css: sheet.value.css, title: '손자녀 돌봄', lang: 'ko' } });
report.settings = await call(page, { method: 'settings', callId: 'smoke-settings', input: {} });
const printWin = fake.windows[before];
report.printWindow = printWin ? { options: printWin.options, loaded: { ...printWin.loaded, body: printWin.loaded?.body.slice(0, 300), hasSheet: printWin.loaded?.body.includes(sheet.value.html) }, destroyed: !!printWin.destroyed } : null;
// a printer that never answered the first job (FAKE_ELECTRON_PRINTER_HANGS=first): the next print is not held by it
if (process.env.FAKE_ELECTRON_PRINTER_HANGS) {
  report.printAgain = await call(page, { method: 'printOut', callId: 'smoke-print-2', input: { html: sheet.value.html, css: sheet.value.css, title: '손자녀 돌봄', lang: 'ko' } });
  report.printWindows = fake.windows.slice(before).filter((w) => w.options?.webPreferences?.partition === 'print').map((w) => !!w.destroyed);
}

// guards on every webContents
const nav = [];
for (const url of ['https://evil.example/', 'app://kiosk/index.html']) {
  let prevented = false;
  wc.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
  nav.push([url, prevented]);
}
let webview = false;
wc.emit('will-attach-webview', { preventDefault: () => (webview = true) });
report.guards = { navigation: nav, windowOpen: wc.openHandler?.({ url: 'https://evil.example/' }), webviewPrevented: webview };

// keys
const keys = [];
for (const [key, code, control] of [['r', 'KeyR', true], ['a', 'KeyA', false]]) {
  let prevented = false;
  wc.emit('before-input-event', { preventDefault: () => (prevented = true) }, { type: 'keyDown', key, code, control, alt: false, shift: false, meta: false });
  keys.push([`${control ? 'Ctrl+' : ''}${key}`, prevented]);
}
report.keys = keys;

// a crash: the page is loaded again
wc.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
await settle(50);
report.reloadsAfterCrash = wc.reloads;

process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
