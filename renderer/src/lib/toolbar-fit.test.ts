import { describe, expect, it } from 'vitest';
import { toolbarSticks } from './toolbar-fit';

describe('the toolbar stays at the top while it takes at most a fifth of the screen', () => {
  it('one row on a portrait kiosk, a laptop, a laptop zoomed to 150 % (911×512): it stays', () => {
    expect(toolbarSticks(80, 1920)).toBe(true);
    expect(toolbarSticks(80, 768)).toBe(true);
    expect(toolbarSticks(78, 512)).toBe(true);
  });
  it('two rows on a laptop zoomed to 125 or 150 % (the counsellor’s badge): it scrolls away with the page', () => {
    expect(toolbarSticks(156, 512)).toBe(false);
    expect(toolbarSticks(156, 614)).toBe(false);
  });
  it('two rows on a portrait kiosk at 200 % text: it stays', () => {
    expect(toolbarSticks(200, 1920)).toBe(true);
  });
  it('a window not laid out yet (no height): it stays', () => {
    expect(toolbarSticks(80, 0)).toBe(true);
  });
});
