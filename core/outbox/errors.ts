/**
 * The outbox's refusals, each with a stable reason the CLI and the UI say in their own words.
 * Messages are for operators and logs: they never hold what a person typed.
 */
import type { FieldProblem } from '../forms/registry.js';

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
