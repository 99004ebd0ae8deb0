/**
 * The counsellor mode's refusals, each with a stable reason the UI says in its own words
 * (the registry maps them to error results: `reason` is this code). Messages are for operators
 * and logs: they never hold a PIN, a draft's content or a family's data.
 */
export type CounsellorReason =
  // accounts (adding, the operator's commands)
  | 'not_enrolled'
  | 'bad_name'
  | 'bad_pin'
  | 'same_pin'
  | 'exists'
  | 'unknown_counsellor'
  // signing in
  | 'wrong_pin'
  | 'locked'
  | 'signed_out'
  // drafts
  | 'draft_not_found'
  | 'bad_draft'
  | 'too_large'
  // the queue
  | 'application_not_found'
  | 'not_attention';

export class CounsellorError extends Error {
  constructor(
    readonly reason: CounsellorReason,
    message: string,
    /** wrong_pin: how many more wrong PINs lock the account (0 when this one locked it) */
    readonly triesLeft?: number,
  ) {
    super(message);
    this.name = 'CounsellorError';
  }
}
