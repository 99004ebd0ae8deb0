/**
 * The outbox's refusals, each with a stable reason the CLI and the UI say in their own words.
 * Messages are for operators and logs: they never hold what a person typed.
 */
import type { FieldProblem } from '../forms/registry.js';
import { KioskApiError } from '../contract/result.js';

export type OutboxReason =
  // enrolment
  | 'bad_code'
  | 'bad_url'
  | 'unreachable'
  | 'not_a_hub'
  | 'refused'
  | 'bad_proof'
  | 'key_mismatch'
  // submitting
  | 'not_enrolled'
  | 'unknown_service'
  | 'bad_form'
  | 'too_large'
  | 'bad_device_file'
  // sending
  | 'paused';

export class OutboxError extends Error {
  constructor(
    readonly reason: OutboxReason,
    message: string,
    /** a form's problems, field by field (reason bad_form) */
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

/** An application's envelope from this device's outbox, or not_found naming the client id (an unknown or discarded one): for its receipt and its state alike. */
export function requireEnvelope<E>(envelope: E | undefined): E {
  if (!envelope) throw new KioskApiError({ code: 'not_found', field: 'clientId', message: "no application with this client id is in this device's outbox" });
  return envelope;
}
