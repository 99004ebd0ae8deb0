/**
 * Who may use the kiosk channel (SECURITY.md: "validate every IPC sender"; VS Code's
 * ipcMain.ts does the same): a message counts only when it comes from the kiosk's own window,
 * from that page's main frame, and from the app's origin. A sub-frame (the PDF preview), a
 * page that navigated elsewhere, or a frame already gone is refused before its arguments are
 * even read.
 */
import { isAppUrl } from './navigation.js';

export interface IpcSender {
  /** the id of the webContents that sent the message */
  webContentsId: number;
  /** the URL of the frame that sent it (event.senderFrame.url); null when that frame is gone */
  frameUrl: string | null;
  /** whether that frame is its page's main frame (senderFrame.parent === null) */
  isMainFrame: boolean;
}

export type SenderVerdict = 'ok' | 'other-window' | 'no-frame' | 'sub-frame' | 'foreign-origin';

/** `kioskWebContentsId`: the kiosk window's webContents (null while it is being opened again). */
export function ipcSenderVerdict(s: IpcSender, kioskWebContentsId: number | null): SenderVerdict {
  if (kioskWebContentsId === null || s.webContentsId !== kioskWebContentsId) return 'other-window';
  if (s.frameUrl === null) return 'no-frame';
  if (!s.isMainFrame) return 'sub-frame';
  if (!isAppUrl(s.frameUrl)) return 'foreign-origin';
  return 'ok';
}
