/**
 * The Electron main process (bundled to dist/main/main.mjs — package.json "main"): one more
 * host over the same core, as thin as it can be. Every decision it carries out is a pure,
 * tested function in main/ (see main/README.md); this file only connects them to Electron.
 *
 *   before ready   app:// registered as a secure standard scheme; the folders (the device's
 *                  data folder, the shell's own inside it); one instance; the sandbox for all
 *   settings       DATA/kiosk.json (core/config/kiosk-config.ts): each bad setting logged by its
 *                  field, the app starts on safe defaults
 *   when ready     no menu; every permission refused; app:// serving the built UI and the print
 *                  preview's PDFs; every webContents guarded (navigation, new windows, <webview>);
 *                  the kiosk channel on IPC (senders checked, messages parsed); the window on the
 *                  configured display, reopened after a crash; the display kept awake; updates
 */
import { app, dialog, ipcMain, Menu, powerSaveBlocker, protocol, screen, session, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readKioskConfig, settingsFor, uiSettingsOf } from '../core/config/kiosk-config.node.js';
import type { Output } from '../core/contract/kiosk-api.js';
import { httpStatus, KioskApiError } from '../core/contract/result.js';
import type { Core } from '../core/core.node.js';
import { clockFrom, type CoreEnv } from '../core/env.node.js';
import { createLogger } from '../core/log.node.js';
import { createTranslator } from '../core/print/i18n.node.js';
import { privateDir, writePrivateFile } from '../core/private-files.node.js';
import { syncIntervalMs } from '../core/sync/schedule.js';
import { fingerprint } from '../sync/protocol/keys.node.js';
import { appBody, appHeaders, appRoute, APP_SCHEME_PRIVILEGES, fileInside, refusalHeaders } from './app-protocol.js';
import { onPageGone, onProcessFailed, onRunning, restoreCrashState, type CrashAction, type CrashState } from './crash-policy.js';
import { IPC } from './ipc-contract.js';
import { createIpcBridge, eventMessage } from './ipc-bridge.js';
import { hubPinDecision, powerSaveDecision, relaunchOptions, secondInstanceActions, shellPaths, shellResources, singleInstanceDecision } from './lifecycle.js';
import { operatorDialog } from './operator.js';
import { APP_SCHEME, loggableUrl, navigationDecision, permissionDecision, windowOpenDecision } from './security/navigation.js';
import type { IpcSender } from './security/ipc-sender.js';
import { packageKind, updaterSetup } from './updates.js';
import { startUpdater, type Updater } from './updater.main.js';
import { openKioskWindow, placement } from './window.main.js';
import { directPrinting, printTimeoutMs } from './print-options.js';
import { LOAD_TIMEOUT_MS } from '../core/print/pages.js';
import { electronPrinter } from './printer.main.js';
import { electronPdfMaker } from './pdf.main.js';

// ---- before ready ---------------------------------------------------------------------------
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();
const paths = shellPaths({ argv: process.argv, env: process.env, platform: process.platform, home: homedir() });
privateDir(paths.dataDir);
privateDir(paths.userData);
app.setPath('userData', paths.userData);
const logger = createLogger({ name: 'electron-main' });

if (singleInstanceDecision(app.requestSingleInstanceLock()) === 'quit') {
  logger.info({ event: 'shell.second_instance' }, 'the kiosk is already running: handing over to it');
  app.quit();
} else {
  run();
}

function run(): void {
  const startedAt = Date.now();
  const { config, problems, file: configFile } = readKioskConfig(paths.dataDir, logger);
  const resources = shellResources(app.getAppPath());
  const preload = join(app.getAppPath(), 'dist', 'main', 'preload.cjs');
  const printTo = directPrinting(config);
  /** A setting from the environment, read by `parse`; a bad value is logged by its name and the default kept. */
  const fromEnv = <T>(name: string, parse: (value: string | undefined) => T, fallback: T): T => {
    try {
      return parse(process.env[name]);
    } catch (e) {
      logger.warn({ event: 'config.problem', field: name }, (e as Error).message);
      return fallback;
    }
  };
  const printTimeout = fromEnv('AICHINGU_PRINT_TIMEOUT_SECONDS', printTimeoutMs, LOAD_TIMEOUT_MS);
  const env: CoreEnv = {
    resources,
    dataDir: paths.dataDir,
    logger,
    clock: clockFrom(),
    location: config.location ?? undefined,
    holidays: config.holidays,
    settings: uiSettingsOf(config),
    ...(printTo ? { printer: electronPrinter(printTo, resources.fonts, logger.child({ component: 'printer' }), printTimeout) } : {}),
    // PDFs with Electron's own Chromium: the packed app has no system Chromium to launch (a Windows kiosk never does)
    pdfMaker: electronPdfMaker(resources.fonts, logger.child({ component: 'printer' }), printTimeout),
  };
  const syncEveryMs = fromEnv('AICHINGU_SYNC_MINUTES', syncIntervalMs, 30 * 60_000);

  // The core loads behind the window (as in the web host): the page appears first, calls wait for it.
  let corePromise: Promise<Core> | null = null;
  const core = () =>
    (corePromise ??= import('../core/core.node.js').then((m) => {
      const c = m.createCore(env, { watchCatalogue: true, syncEveryMs, uploadInBackground: true, catalogueLockWaitMs: m.SCREEN_LOCK_WAIT_MS });
      c.events.onAny((e) => {
        const msg = eventMessage(e);
        if (msg && win && !win.isDestroyed()) win.webContents.send(IPC.event, msg);
      });
      pinHub(c);
      return c;
    }));
  core().catch((e: unknown) => logger.error({ event: 'core.failed', err: e }, 'the kiosk core could not start'));

  /** kiosk.json's hub: a first sync pins its key; a different key than the one pinned is refused (and said). */
  const pinHub = (c: Core) => {
    const d = hubPinDecision(config.hub, c.sync.status(), fingerprint);
    if (d.action === 'mismatch') logger.warn({ event: 'config.hub_mismatch' }, d.message);
    if (d.action !== 'sync') return;
    c.sync.sync({ hubUrl: d.hubUrl, key: d.key }).then(
      (r) => logger.info({ event: 'config.hub_pinned', version: r.version }, `the hub in kiosk.json is pinned (catalogue version ${r.version})`),
      (e: unknown) => {
        logger.warn({ event: 'config.hub_unreachable', err: e }, 'the first sync with the hub in kiosk.json failed; tried again in 30 minutes');
        setTimeout(() => pinHub(c), 30 * 60_000).unref();
      },
    );
  };

  // ---- crashes: reload, then relaunch with backoff; the state survives a relaunch ----------
  const crashFile = join(paths.userData, 'crash-state.json');
  let crash: CrashState = restoreCrashState(readOrNull(crashFile));
  const keep = (s: CrashState) => {
    crash = s;
    try {
      writePrivateFile(crashFile, JSON.stringify(s));
    } catch (e) {
      logger.warn({ event: 'shell.crash_state', err: e }, 'the crash state could not be kept');
    }
  };
  let quitting = false;
  const act = (a: CrashAction, why: string) => {
    logger.warn({ event: 'shell.recover', action: a.kind, delay_ms: a.delayMs, why }, `${a.kind === 'reload' ? 'opening the kiosk page again' : 'starting the app again'} in ${a.delayMs} ms (${why})`);
    setTimeout(() => {
      if (quitting) return;
      if (a.kind === 'relaunch') {
        quitting = true;
        app.relaunch(relaunchOptions(process.env, process.argv));
        app.exit(0);
      } else if (win && !win.isDestroyed()) win.webContents.reload();
      else openWindow();
    }, a.delayMs);
  };
  const stable = setInterval(() => {
    const next = onRunning(crash, Date.now(), startedAt);
    if (next !== crash) keep(next);
  }, 60_000);
  stable.unref();
  process.on('uncaughtException', (e) => {
    logger.fatal({ event: 'shell.failed', err: e }, 'the main process failed');
    const r = onProcessFailed(crash, Date.now());
    keep(r.state);
    act(r.action, 'main process failed');
  });

  // ---- the kiosk channel on IPC ---------------------------------------------------------------
  let win: BrowserWindow | null = null;
  const bridge = createIpcBridge({ channel: () => core().then((c) => c.channel), kioskWebContentsId: () => (win && !win.isDestroyed() ? win.webContents.id : null), log: logger });
  const senderOf = (e: IpcMainInvokeEvent | IpcMainEvent): IpcSender => ({ webContentsId: e.sender.id, frameUrl: e.senderFrame?.url ?? null, isMainFrame: e.senderFrame ? e.senderFrame.parent === null : false });
  ipcMain.handle(IPC.call, (e, message: unknown) => bridge.call(senderOf(e), message));
  ipcMain.on(IPC.cancel, (e, message: unknown) => bridge.cancel(senderOf(e), message));

  // ---- the operator's dialog (hidden chord) ---------------------------------------------------
  const translate = createTranslator(resources.locales);
  let updater: Updater | null = null;
  let operatorOpen = false;
  const operator = async () => {
    if (operatorOpen || !win) return;
    operatorOpen = true;
    try {
      const d = operatorDialog(await translate(config.language), { version: app.getVersion(), profile: config.profile, configFile, problems, updateWaiting: updater?.waiting() ?? null });
      const { response } = await dialog.showMessageBox(win, { type: 'info', title: d.title, message: d.message, detail: d.detail, buttons: d.buttons, cancelId: d.cancelId, defaultId: d.defaultId, noLink: true });
      const action = d.actions[response] ?? 'cancel';
      logger.info({ event: 'operator.action', action }, `operator: ${action}`);
      if (action === 'reload') win?.webContents.reload();
      if (action === 'install') updater?.installNow();
      if (action === 'quit') {
        quitting = true;
        app.quit();
      }
    } finally {
      operatorOpen = false;
    }
  };

  const openWindow = () => {
    win = openKioskWindow({
      config,
      preload,
      logger,
      hooks: {
        onOperator: () => void operator(),
        onPageReset: () => bridge.abortAll(),
        onGone: (why) => {
          const r = onPageGone(crash, Date.now());
          keep(r.state);
          act(r.action, why);
        },
        quitting: () => quitting,
      },
    });
  };

  app.on('second-instance', () => {
    const w = win && !win.isDestroyed() ? win : null;
    for (const a of secondInstanceActions({ exists: !!w, minimized: !!w?.isMinimized(), visible: !!w?.isVisible() })) {
      if (a === 'open') openWindow();
      if (a === 'restore') w?.restore();
      if (a === 'show') w?.show();
      if (a === 'focus') w?.focus();
    }
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    // a kiosk's window comes back by itself (onGone); a counsellor who closes the window ends the app
    if (quitting || config.profile === 'counsellor') app.quit();
  });
  app.on('will-quit', () => {
    updater?.stop();
    void corePromise?.then((c) => c.close());
  });

  // Every webContents (the kiosk's, and any the page might try to make): no navigation away, no new windows, no <webview>.
  app.on('web-contents-created', (_e, wc) => {
    wc.setWindowOpenHandler((details) => {
      logger.warn({ event: 'guard.window_open', url: loggableUrl(details.url) }, 'a new window was refused');
      return windowOpenDecision();
    });
    const guard = (e: { preventDefault(): void }, url: string) => {
      if (navigationDecision(url) === 'allow') return;
      e.preventDefault();
      logger.warn({ event: 'guard.navigation', url: loggableUrl(url) }, 'navigation away from the app was refused');
    };
    wc.on('will-navigate', (e) => guard(e, e.url));
    wc.on('will-redirect', (e) => guard(e, e.url));
    wc.on('will-attach-webview', (e) => {
      e.preventDefault();
      logger.warn({ event: 'guard.webview' }, 'a <webview> was refused');
    });
  });

  void app.whenReady().then(() => {
    Menu.setApplicationMenu(null);
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
      const ok = permissionDecision(permission, { origin: details.requestingUrl ? new URL(details.requestingUrl).origin : undefined, isMainFrame: details.isMainFrame });
      if (!ok) logger.info({ event: 'guard.permission', permission }, `permission "${permission}" refused`);
      callback(ok);
    });
    ses.setPermissionCheckHandler((_wc, permission, origin, details) => permissionDecision(permission, { origin, isMainFrame: details.isMainFrame }));
    ses.setDevicePermissionHandler(() => false);
    protocol.handle(APP_SCHEME, (req) => serve(req));

    const power = powerSaveDecision(config.profile);
    if (power) powerSaveBlocker.start(power);
    openWindow();
    // a display plugged in or out (or turned): the kiosk goes where it belongs; a laptop's window stays where its user put it
    if (config.profile === 'kiosk') {
      const place = () => win && !win.isDestroyed() && win.setBounds(placement(config, logger).bounds);
      screen.on('display-added', place);
      screen.on('display-removed', place);
      screen.on('display-metrics-changed', place);
    }

    const kind = packageKind({ packaged: app.isPackaged, platform: process.platform, appImage: process.env.APPIMAGE, packageTypeFile: readOrNull(join(process.resourcesPath, 'package-type')) });
    updater = startUpdater({ setup: updaterSetup(config, kind), config, userData: paths.userData, logger, beforeInstall: () => (quitting = true) });
  });

  /** The settings the page carries (undefined when they cannot be read: logged, and the UI asks over the preload). */
  function pageSettings(): Output<'settings'> | undefined {
    try {
      return settingsFor(env, logger.child({ component: 'config' }));
    } catch (e) {
      logger.error({ event: 'config.failed', err: e }, 'the kiosk settings could not be put into the page; the UI asks for them');
      return undefined;
    }
  }

  /** app:// — the UI's files, and the print preview's PDFs (the same as the web host's /print/ paths). */
  async function serve(req: Request): Promise<Response> {
    const route = appRoute(req.url, req.method);
    try {
      if (route.kind === 'refused') return new Response(route.why, { status: route.status, headers: refusalHeaders() });
      if (route.kind === 'file') {
        let file = fileInside(resources.renderer, route.segments);
        if (!file) return new Response('bad path', { status: 400, headers: refusalHeaders() });
        if (!(await stat(file).catch(() => null))?.isFile()) {
          if (!route.route) return new Response('not found', { status: 404, headers: refusalHeaders() });
          file = join(resources.renderer, 'index.html'); // the single-page app
        }
        return new Response(req.method === 'HEAD' ? null : appBody(file, new Uint8Array(await readFile(file)), pageSettings()), { status: 200, headers: appHeaders({ file }) });
      }
      const c = await core();
      if (route.kind === 'booklet') {
        const pdf = c.print.takeBooklet(route.job);
        if (!pdf) return new Response('this booklet was already taken or has expired; make it again', { status: 404, headers: refusalHeaders() });
        return new Response(new Uint8Array(pdf), { status: 200, headers: appHeaders({ pdf: true }) });
      }
      const lease = c.catalogue.lease();
      try {
        const pdf = await c.print.sheetPdf(lease.catalogue, route.id, { lang: route.lang, large: route.large });
        return new Response(new Uint8Array(pdf), { status: 200, headers: appHeaders({ pdf: true }) });
      } finally {
        lease.release();
      }
    } catch (e) {
      if (e instanceof KioskApiError) return new Response(e.body.message, { status: httpStatus(e.body.code), headers: refusalHeaders() });
      logger.error({ event: 'protocol.failed', err: e, kind: route.kind }, 'an app:// request failed');
      return new Response('the kiosk could not answer; its log says why', { status: 500, headers: refusalHeaders() });
    }
  }
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
