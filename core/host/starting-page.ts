/**
 * The page the kiosk's window shows while its host is starting (and again while a host that
 * stopped is started again): "starting, please wait" in the four languages, in the kiosk's own
 * fonts and colours, instead of a blank or broken window. A data: URL — it needs nothing served.
 * Drawing it also loads the fonts the kiosk uses (both weights), so the kiosk's first screen
 * does not wait for them.
 */
import { LANGS, type Lang } from '../contract/lists.js';
import { esc } from '../print/sheet.js';

/** The kiosk's font stack (renderer/src/styles.css, body; a test keeps the two the same). */
export const KIOSK_FONTS = "'Noto Sans CJK KR', 'Noto Sans KR', 'Pretendard', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

/** The page as a data: URL, from each language's `starting.message` (Korean first, in bold). */
export function startingPageUrl(message: (lang: Lang) => string): string {
  const lines = LANGS.map((l, i) => `<p lang="${l}"${i === 0 ? ' class="first"' : ''}>${esc(message(l))}</p>`).join('');
  const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>아이친구 1279</title><style>
html,body{margin:0;height:100%;background:#0b3d91;color:#fff;font-family:${KIOSK_FONTS}}
body{display:flex;flex-direction:column;justify-content:center;padding:0 8vw;box-sizing:border-box}
p{font-size:32px;line-height:1.4;margin:0 0 24px;font-weight:400;word-break:keep-all}p.first{font-size:48px;font-weight:700}
</style></head><body>${lines}</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
