// A stand-in for the `electron` module, for main/shell.smoke.test.ts: the Electron binary cannot
// be downloaded on our build machines, so the built main process (dist/main/main.mjs) is run
// under Node with this module in electron's place. It records what the main process asks of
// Electron and lets the test play Electron's part (ready, IPC messages, protocol requests, keys,
// crashes). Only what the shell uses is here.
import { EventEmitter } from 'node:events';

export const calls = [];
const record = (name, ...args) => calls.push([name, ...args]);

let readyResolve;
const ready = new Promise((r) => (readyResolve = r));

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getAppPath: () => process.env.FAKE_ELECTRON_APP_PATH,
  getVersion: () => '0.1.0',
  requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), process.env.FAKE_ELECTRON_SECOND !== '1'),
  enableSandbox: () => record('app.enableSandbox'),
  setPath: (name, path) => record('app.setPath', name, path),
  whenReady: () => ready,
  quit: () => record('app.quit'),
  exit: (code) => record('app.exit', code),
  relaunch: (o) => record('app.relaunch', o),
});

export const protocol = {
  handlers: new Map(),
  registerSchemesAsPrivileged: (schemes) => record('protocol.registerSchemesAsPrivileged', schemes, { ready: readyDone }),
  handle: (scheme, handler) => (record('protocol.handle', scheme), protocol.handlers.set(scheme, handler)),
};

export const ipcMain = {
  handlers: new Map(),
  listeners: new Map(),
  handle: (channel, fn) => (record('ipcMain.handle', channel), ipcMain.handlers.set(channel, fn)),
  on: (channel, fn) => (record('ipcMain.on', channel), ipcMain.listeners.set(channel, fn)),
};

export const Menu = { setApplicationMenu: (m) => record('Menu.setApplicationMenu', m) };

const partitions = new Map();
export const session = {
  /** a partition's session: its protocol handlers (the print window's document and fonts) */
  fromPartition: (name) => {
    if (!partitions.has(name)) {
      const handlers = new Map();
      partitions.set(name, {
        handlers,
        protocol: { handle: (scheme, fn) => (record('session.protocol.handle', name, scheme), handlers.set(scheme, fn)) },
        setPermissionRequestHandler: (fn) => record('session.setPermissionRequestHandler', name, typeof fn),
      });
    }
    return partitions.get(name);
  },
  partitions,
  defaultSession: {
    setPermissionRequestHandler: (fn) => (session.requestHandler = fn),
    setPermissionCheckHandler: (fn) => (session.checkHandler = fn),
    setDevicePermissionHandler: (fn) => (session.deviceHandler = fn),
  },
};

export const powerSaveBlocker = { start: (type) => (record('powerSaveBlocker.start', type), 1) };
export const powerMonitor = { getSystemIdleTime: () => 0 };

const DISPLAY = { id: 1, bounds: { x: 0, y: 0, width: 1080, height: 1920 }, workArea: { x: 0, y: 0, width: 1080, height: 1880 } };
export const screen = Object.assign(new EventEmitter(), { getAllDisplays: () => [DISPLAY], getPrimaryDisplay: () => DISPLAY });

export const dialog = { showMessageBox: async (_win, o) => (record('dialog.showMessageBox', o), { response: o.cancelId }) };

let nextId = 10;
let printerHung = false;
export class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.sent = [];
    this.reloads = 0;
    this.openHandler = null;
  }
  setVisualZoomLevelLimits(a, b) {
    record('wc.setVisualZoomLevelLimits', a, b);
    return Promise.resolve();
  }
  setZoomFactor() {}
  setWindowOpenHandler(fn) {
    this.openHandler = fn;
  }
  send(channel, message) {
    this.sent.push([channel, message]);
  }
  reload() {
    this.reloads++;
  }
  isDestroyed() {
    return false;
  }
  forcefullyCrashRenderer() {}
  executeJavaScript(code) {
    record('wc.executeJavaScript', code);
    return Promise.resolve(true);
  }
  insertCSS(css) {
    record('wc.insertCSS', css);
    return Promise.resolve('key');
  }
  /** Plays Chromium's PDF printing: a stand-in PDF (the real one is made by Electron's Chromium, which cannot run here). */
  printToPDF(options) {
    record('wc.printToPDF', options);
    return Promise.resolve(Buffer.from('%PDF-1.7\n% made by the stand-in for webContents.printToPDF\n%%EOF\n'));
  }
  /** Plays a printer: takes every job, unless FAKE_ELECTRON_PRINTER_FAILS names a reason; with FAKE_ELECTRON_PRINTER_HANGS=first it never answers the first job (a printer unplugged, a spooler stuck). */
  print(options, callback) {
    record('wc.print', options);
    if (process.env.FAKE_ELECTRON_PRINTER_HANGS === 'first' && !printerHung) {
      printerHung = true;
      return;
    }
    const fails = process.env.FAKE_ELECTRON_PRINTER_FAILS;
    setTimeout(() => callback(!fails, fails ?? ''), 5);
  }
}

export const windows = [];
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    record('win.loadURL', url);
    // a window of a partition with an http handler (the print window): the page and the stylesheets it links are fetched from it
    const part = this.options?.webPreferences?.partition;
    const http = part && partitions.get(part)?.handlers.get('http');
    if (http && url.startsWith('http')) {
      const page = await http(new Request(url));
      this.loaded = { status: page.status, body: await page.text(), links: [] };
      for (const [, href] of this.loaded.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
        const r = await http(new Request(href));
        this.loaded.links.push([href, r.status, r.headers.get('content-type')]);
      }
      const away = await partitions.get(part).handlers.get('https')?.(new Request('https://evil.example/x.css'));
      this.loaded.elsewhere = away?.status;
    }
  }
  destroy() {
    record('win.destroy');
    this.destroyed = true;
  }
  isDestroyed() {
    return !!this.destroyed;
  }
  isMinimized() {
    return false;
  }
  isVisible() {
    return true;
  }
  show() {}
  focus() {}
  restore() {}
  setKiosk() {}
  setBounds() {}
}

let readyDone = false;
/** The test plays Electron: the app is ready. */
export function fireReady() {
  readyDone = true;
  readyResolve();
}
