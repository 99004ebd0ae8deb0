import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { pageScript, pdfPageCount } from './pages.js';

describe('what a print page runs', () => {
  it('a function as its own source with its one argument as JSON (quotes, Korean and a closing script tag intact)', () => {
    const arg = { pageHeight: 1010.5, title: '손자녀 "돌봄" </script>' };
    const script = pageScript((a: typeof arg) => `${a.title}|${Math.ceil(2100 / a.pageHeight)}`, arg);
    expect(runInNewContext(script)).toBe('손자녀 "돌봄" </script>|3');
    expect(runInNewContext(pageScript(() => 42, null))).toBe(42);
  });
  it('carries nothing of the caller: a name from outside the function is not there in the page', () => {
    const outside = 7;
    expect(() => runInNewContext(pageScript(() => outside, null))).toThrow(/outside is not defined/);
  });
  it('counts a PDF\'s pages by its page objects, not its page tree', () => {
    expect(pdfPageCount(new TextEncoder().encode('<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type /Page >>'))).toBe(2);
  });
});
