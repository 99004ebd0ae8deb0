/**
 * The outbox's problems in plain words: the locale keys for why an application has not been
 * sent yet (the core's stable problem code, `outbox.problem.*`) and for why the hub refused one
 * (the hub's error code, `counsellor.queue.reason.*`). The screens say the sentence in the
 * kiosk's language and keep the English words (the network's or the hub's) as small print.
 */
import type { OutboxProblem } from '../../../core/contract/lists';

/** Why it has not been sent yet, as a sentence that says what happens next. */
export const problemKey = (problem: OutboxProblem): string => `outbox.problem.${problem}`;

/** The hub's refusal code, as the counsellor's plain words (`counsellor.queue.reason.*`); an unknown code has a general sentence. */
export function reasonKey(code: string | null): string {
  switch (code) {
    case 'tampered':
    case 'not_sealed':
      return 'counsellor.queue.reason.damaged';
    case 'wrong_key':
      return 'counsellor.queue.reason.wrongKey';
    case 'bad_form':
      return 'counsellor.queue.reason.badForm';
    case 'unknown_service':
      return 'counsellor.queue.reason.unknownService';
    case 'too_large':
      return 'counsellor.queue.reason.tooLarge';
    case 'conflict':
      return 'counsellor.queue.reason.conflict';
    case 'receipt_not_own':
    case 'receipt_taken':
      return 'counsellor.queue.reason.receipt';
    case 'bad_content':
    case 'envelope_mismatch':
    case 'bad_application':
    case 'size_mismatch':
    case 'bad_request':
    case 'bad_json':
    case 'unsupported_media_type':
      return 'counsellor.queue.reason.app';
    default:
      return 'counsellor.queue.reason.other';
  }
}
