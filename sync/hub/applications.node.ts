/**
 * Opening a sealed application at the hub: the intake checks every upload with it before it
 * stores the sealed bytes (intake.node.ts), and an operator's `hub applications` opens the
 * stored ones with it (operator.node.ts); the intake then checks the form against its service's
 * schema (checkApplicationForm). The opened form is never stored nor logged.
 */
import { SealedApplication } from '../protocol/intake.js';
import { SealError, sealedKeyId, unseal, type SealedMeta, type SealingKeys } from '../protocol/seal.node.js';
import { CatalogueFigureError, type FormCatalogue } from '../../core/forms/catalogue.js';
import { checkForm, formFor, SERVICE_IDS } from '../../core/forms/registry.js';

export type Opened = { ok: true; application: SealedApplication } | { ok: false; error: 'not_sealed' | 'wrong_key' | 'tampered' | 'bad_content' | 'envelope_mismatch' | 'unknown_service' | 'bad_form'; message: string };

/** Opens `sealed` with the hub's sealing key and checks that what is inside is an application of this envelope. Never throws for a bad application: it says what is wrong, in words for the device's "needs attention" list. */
export function openApplication(sealed: Buffer, keys: SealingKeys, meta: SealedMeta): Opened {
  let plain: Buffer;
  try {
    const kid = sealedKeyId(sealed);
    if (kid !== keys.keyId)
      return {
        ok: false,
        error: 'wrong_key',
        message: `the application is sealed for another sealing key (${kid.slice(0, 8)}…), not this hub's (${keys.keyId.slice(0, 8)}…): this device was enrolled with another hub or an older key. Enrol the device with this hub again (a new code from the operator: cli hub enrol-device NAME) so that new applications are sealed for it; this one opens only with the key it was sealed for`,
      };
    plain = unseal(sealed, keys, meta);
  } catch (e) {
    if (!(e instanceof SealError)) throw e;
    if (e.reason === 'bad_format') return { ok: false, error: 'not_sealed', message: `field "sealed": ${e.message}` };
    return { ok: false, error: 'tampered', message: `field "sealed": ${e.message}; the device keeps it for an operator to look at` };
  }
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    return { ok: false, error: 'bad_content', message: 'the sealed application opens but holds no JSON: the app that sealed it is faulty; update the app' };
  }
  const parsed = SealedApplication.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, error: 'bad_content', message: `the sealed application is not one this hub reads (field "${i?.path.join('.') || 'application'}": ${i?.message ?? 'not valid'}); update the app` };
  }
  const a = parsed.data;
  for (const f of ['client_id', 'service', 'created_at'] as const)
    if (a[f] !== meta[f]) return { ok: false, error: 'envelope_mismatch', message: `field "${f}": the envelope says "${meta[f]}" but the sealed application says "${a[f]}"; the app that sealed it is faulty` };
  return { ok: true, application: a };
}

/**
 * The opened form checked against its service's schema (core/forms: the very schema the device
 * checked it with), on the application's own day (its created_at: a device may send days later).
 * A service the hub has no form for, or a form that does not pass, is refused naming the field.
 */
export function checkApplicationForm(a: SealedApplication, catalogue?: FormCatalogue): { ok: true } | Extract<Opened, { ok: false }> {
  let spec;
  try {
    spec = formFor(a.service, { catalogue, today: a.created_at.slice(0, 10) });
  } catch (e) {
    if (!(e instanceof CatalogueFigureError)) throw e;
    return { ok: false, error: 'bad_form', message: `the hub cannot check a ${a.service} form: ${e.message}; an operator updates the catalogue` };
  }
  if (!spec) return { ok: false, error: 'unknown_service', message: `field "service": the hub has no form for "${a.service}"; the services are ${SERVICE_IDS.join(', ')}` };
  const r = checkForm(spec, a.form);
  if (r.ok) return { ok: true };
  const p = r.problems;
  return { ok: false, error: 'bad_form', message: `${p.map((x) => `field "form.${x.field}": ${PLAIN[x.code]}`).join('; ')}; the form must be filled in again` };
}

/** The reasons in words, for the device's "needs attention" list and the log (never what was typed). */
const PLAIN: Record<string, string> = {
  required: 'missing',
  invalid: 'not valid',
  too_long: 'too long',
  out_of_range: 'outside what the service takes',
  not_eligible: "does not meet the catalogue's rule for the service",
  too_many: 'more than the service allows',
  unknown: 'not a field of this form',
};
