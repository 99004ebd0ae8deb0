import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateHubKeys, loadHubKeys } from './keys.node.js';
import { generateSealingKeys, loadSealingKeys, parseSealingKey, seal, SealError, unseal } from './seal.node.js';
import { checkDeviceRequest, deviceAuthorization, parseDeviceAuthorization } from './device-auth.node.js';
import { checkDigit, formatCode, normalizeCode, parseReceipt, receiptFrom } from './intake.js';

const meta = () => ({ client_id: randomUUID(), service: 'consultation-callback', created_at: '2026-12-02T09:00:00.000Z' });

describe('sealing (X25519 + HKDF + AES-256-GCM)', () => {
  const hub = loadSealingKeys(generateSealingKeys().privatePem);
  const text = Buffer.from(JSON.stringify({ name: '김순자', phone: '010-1234-5678' }));

  it('opens with the hub key, and the sealed bytes hold neither the name nor the phone', () => {
    const m = meta();
    const sealed = seal(text, hub.publicKey, m);
    expect(sealed.includes(Buffer.from('김순자'))).toBe(false);
    expect(sealed.includes(Buffer.from('010-1234-5678'))).toBe(false);
    expect(unseal(sealed, hub, m).equals(text)).toBe(true);
  });

  it('uses a fresh ephemeral key and IV each time: the same form seals to different bytes', () => {
    const m = meta();
    const a = seal(text, hub.publicKey, m);
    const b = seal(text, hub.publicKey, m);
    expect(a.subarray(20, 52).equals(b.subarray(20, 52))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses another hub key, a flipped byte, and an envelope moved or edited', () => {
    const m = meta();
    const sealed = seal(text, hub.publicKey, m);
    const other = loadSealingKeys(generateSealingKeys().privatePem);
    expect(() => unseal(sealed, other, m)).toThrow(expect.objectContaining({ reason: 'wrong_key' }));
    for (const at of [30, 60, 70, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] = bad[at]! ^ 1;
      expect(() => unseal(bad, hub, m), `byte ${at}`).toThrow(SealError);
    }
    expect(() => unseal(sealed, hub, { ...m, service: 'other-service' })).toThrow(expect.objectContaining({ reason: 'tampered' }));
    expect(() => unseal(sealed, hub, { ...m, client_id: randomUUID() })).toThrow(expect.objectContaining({ reason: 'tampered' }));
    expect(() => unseal(sealed, hub, { ...m, created_at: '2026-12-02T09:00:01.000Z' })).toThrow(expect.objectContaining({ reason: 'tampered' }));
    expect(() => unseal(Buffer.from('hello'), hub, m)).toThrow(expect.objectContaining({ reason: 'bad_format' }));
  });

  it('refuses a key line that is not an x25519 key, and the all-zero key', () => {
    expect(() => parseSealingKey('ed25519:' + Buffer.alloc(32, 1).toString('base64'))).toThrow(/not a sealing key/);
    expect(() => parseSealingKey('x25519:' + Buffer.alloc(32).toString('base64'))).toThrow(/all-zero/);
    expect(() => loadSealingKeys(generateHubKeys().privatePem)).toThrow(/not x25519/);
  });
});

describe('device request signatures', () => {
  const device = loadHubKeys(generateHubKeys().privatePem);
  const id = `dev_${'ab'.repeat(16)}`;
  const req = { method: 'POST', path: '/intake/v1/applications', body: '{"applications":[]}' };
  const now = Date.parse('2026-12-02T09:00:00Z');

  it('checks with the enrolled key; a changed body, path or method fails', () => {
    const auth = parseDeviceAuthorization(deviceAuthorization(req, { id, privateKey: device.privateKey }, now))!;
    expect(auth.id).toBe(id);
    expect(checkDeviceRequest(auth, req, device.publicKey, now + 1000)).toEqual({ ok: true });
    for (const changed of [{ ...req, body: '{"applications":[1]}' }, { ...req, path: '/intake/v1/receipts/x' }, { ...req, method: 'PUT' }])
      expect(checkDeviceRequest(auth, changed, device.publicKey, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    const other = loadHubKeys(generateHubKeys().privatePem);
    expect(checkDeviceRequest(auth, req, other.publicKey, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a clock more than a day off, and headers of another form', () => {
    const auth = parseDeviceAuthorization(deviceAuthorization(req, { id, privateKey: device.privateKey }, now))!;
    expect(checkDeviceRequest(auth, req, device.publicKey, now + 25 * 3600_000)).toMatchObject({ ok: false, reason: 'clock_skew' });
    expect(parseDeviceAuthorization('Bearer abc')).toBeNull();
    expect(parseDeviceAuthorization(undefined)).toBeNull();
    expect(parseDeviceAuthorization(`A1279-Device id=dev_xyz, ts=1, sig=${'A'.repeat(86)}==`)).toBeNull();
  });
});

describe('receipt numbers and enrolment codes', () => {
  it('a receipt is NNNN-NNNN-C and its Damm digit catches every single wrong digit and every neighbour swap', () => {
    const r = receiptFrom('48210937');
    expect(r).toMatch(/^4821-0937-\d$/);
    expect(parseReceipt(r.replace(/-/g, ' '))).toBe(r);
    const d = r.replace(/-/g, '');
    for (let i = 0; i < d.length; i++) {
      for (let v = 0; v <= 9; v++) {
        if (String(v) === d[i]) continue;
        expect(parseReceipt(d.slice(0, i) + v + d.slice(i + 1)), `digit ${i} → ${v}`).toBeNull();
      }
      if (i + 1 < d.length && d[i] !== d[i + 1]) expect(parseReceipt(d.slice(0, i) + d[i + 1] + d[i] + d.slice(i + 2)), `swap ${i}`).toBeNull();
    }
    expect(checkDigit('572')).toBe(4); // the algorithm's published example
    expect(parseReceipt('1234-5678')).toBeNull();
  });

  it('a code is read as people type it: any case, dashes, O for 0, I or L for 1', () => {
    expect(normalizeCode('abcde-fghjk')).toBe('ABCDEFGHJK');
    expect(normalizeCode(' 0o1il 23456 ')).toBe('0011123456');
    expect(normalizeCode('ABCDE-FGHJ')).toBeNull();
    expect(normalizeCode('ABCDE-FGHJU')).toBeNull();
    expect(formatCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
  });
});
