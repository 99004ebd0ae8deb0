/** The application forms: every field's problems, each with a message in every locale; phone numbers as people write them. */
import { describe, expect, it } from 'vitest';
import ko from '../contract/locales/ko.json' with { type: 'json' };
import en from '../contract/locales/en.json' with { type: 'json' };
import vi from '../contract/locales/vi.json' with { type: 'json' };
import zh from '../contract/locales/zh.json' with { type: 'json' };
import { checkForm, FORMS, formFor, messageKeys, PREFERRED_TIMES, SERVICE_IDS } from './registry.js';
import { normalizeKoreanPhone } from './phone.js';

const LOCALES = { ko, en, vi, zh } as Record<string, unknown>;
const lookup = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tree);

const spec = formFor('consultation-callback')!;
const good = { name: ' 김순자 ', phone: '010 1234 5678', topic: '아이 돌봄 서비스 신청 방법', preferred_time: 'weekday_morning', consent: true };

describe('Korean phone numbers', () => {
  it.each([
    ['010-1234-5678', '010-1234-5678'],
    ['01012345678', '010-1234-5678'],
    [' 010 1234 5678 ', '010-1234-5678'],
    ['011-234-5678', '011-234-5678'],
    ['0162345678', '016-234-5678'],
    ['019-2345-6789', '019-2345-6789'],
    ['02-123-4567', '02-123-4567'],
    ['0212345678', '02-1234-5678'],
    ['062-613-1279', '062-613-1279'],
    ['06212345678', '062-1234-5678'],
    ['031 234 5678', '031-234-5678'],
    ['070-1234-5678', '070-1234-5678'],
    ['1588-1234', '1588-1234'],
    ['16441279', '1644-1279'],
    ['1899 0000', '1899-0000'],
  ])('%s → %s', (typed, stored) => expect(normalizeKoreanPhone(typed)).toBe(stored));

  it.each(['', '010-123-4567', '010-0234-5678', '0101234567', '010123456789', '012-234-5678', '099-234-5678', '02-12-3456', '1234-5678', '1700-1234', '+82-10-1234-5678', '010.1234.5678', '010-1234-567a', 'phone', '062-1234-56789'])(
    '%s is refused',
    (typed) => expect(normalizeKoreanPhone(typed)).toBeNull(),
  );
});

describe('the consultation-callback form (상담 신청)', () => {
  it('is registered, with a consent version', () => {
    expect(SERVICE_IDS).toContain('consultation-callback');
    expect(formFor('consultation-callback')).toBe(FORMS['consultation-callback']);
    expect(formFor('no-such-service')).toBeUndefined();
    expect(formFor('constructor')).toBeUndefined();
    expect(spec.consentVersion).toMatch(/\S/);
  });

  it('accepts a good form: the name and topic trimmed, the phone stored with dashes', () => {
    const r = checkForm(spec, good);
    expect(r).toEqual({ ok: true, consentVersion: spec.consentVersion, form: { ...good, name: '김순자', phone: '010-1234-5678' } });
    for (const t of PREFERRED_TIMES) expect(checkForm(spec, { ...good, preferred_time: t }).ok).toBe(true);
  });

  const cases: [string, Record<string, unknown>, string, string][] = [
    ['no name', { name: undefined }, 'name', 'required'],
    ['a blank name', { name: '   ' }, 'name', 'required'],
    ['a name that is a number', { name: 42 }, 'name', 'invalid'],
    ['a name with a control character', { name: '김\u0007순자' }, 'name', 'invalid'],
    ['a name of 41 characters', { name: '가'.repeat(41) }, 'name', 'too_long'],
    ['no phone', { phone: undefined }, 'phone', 'required'],
    ['an empty phone', { phone: '' }, 'phone', 'required'],
    ['a phone that is not Korean', { phone: '555-1234' }, 'phone', 'invalid'],
    ['a phone as a number', { phone: 1012345678 }, 'phone', 'invalid'],
    ['no topic', { topic: undefined }, 'topic', 'required'],
    ['a topic of 201 characters', { topic: '가'.repeat(201) }, 'topic', 'too_long'],
    ['a topic that is a list', { topic: ['a'] }, 'topic', 'invalid'],
    ['no preferred time', { preferred_time: undefined }, 'preferred_time', 'required'],
    ['a preferred time not in the list', { preferred_time: 'midnight' }, 'preferred_time', 'invalid'],
    ['no consent', { consent: undefined }, 'consent', 'required'],
    ['consent refused', { consent: false }, 'consent', 'required'],
    ['consent as a word', { consent: 'yes' }, 'consent', 'required'],
    ['a field the form does not have', { resident_number: '900101-1234567' }, 'resident_number', 'unknown'],
  ];
  it.each(cases)('%s: names the field and its code, with a message in every locale', (_, change, field, code) => {
    const r = checkForm(spec, { ...good, ...change });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p).toMatchObject({ field, code });
    expect(p.key).toBe(code === 'unknown' ? 'forms.error.unknown' : `forms.error.${field}.${code}`);
    for (const [lang, tree] of Object.entries(LOCALES)) expect(typeof lookup(tree, p.key), `${lang}: ${p.key}`).toBe('string');
    // the problem never carries what was typed
    expect(JSON.stringify(r)).not.toContain('900101');
  });

  it('an empty form names every field, in the form’s order; something not an object too', () => {
    const r = checkForm(spec, {});
    expect(r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['name:required', 'phone:required', 'topic:required', 'preferred_time:required', 'consent:required']);
    for (const x of [null, [], 'form', 3]) expect(checkForm(spec, x).ok).toBe(false);
  });

  it('every message key of every form exists in ko, en, vi and zh, and the Korean phone message shows an example', () => {
    for (const s of Object.values(FORMS))
      for (const key of messageKeys(s)) for (const [lang, tree] of Object.entries(LOCALES)) expect(typeof lookup(tree, key), `${lang}: ${key}`).toBe('string');
    expect(lookup(ko, 'forms.error.phone.invalid')).toBe('전화번호를 다시 확인해 주세요 (예: 010-1234-5678)');
    for (const s of SERVICE_IDS) for (const [lang, tree] of Object.entries(LOCALES)) expect(typeof lookup(tree, `forms.service.${s}`), `${lang}`).toBe('string');
  });
});
