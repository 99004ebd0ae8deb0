/**
 * How an application stands, in the words its receipt uses: one rule for the receipt screen
 * after 신청하기 and the printed receipt. Environment-free: an i18n key and its values.
 */
export interface ReceiptStanding {
  /** what the form says happens on submit: received (the agency contacts the family), or requested (a reservation the centre confirms) */
  submitted: 'received' | 'requested';
  /** the hub refused it (it waits on the device for a counsellor) */
  refused?: boolean;
  /** still only sealed in this device's outbox (not yet at the hub) */
  pending?: boolean;
  /** the centre's answer to a reservation, once the device knows it */
  status?: 'received' | 'requested' | 'confirmed' | 'declined' | null;
  /** a decline's reason (the centre's words) */
  statusReason?: string | null;
}

/**
 * Refused first (nothing is promised), then the centre's answer, then "kept here, sent once the
 * internet connects" while pending — never "received" before the hub has it.
 */
export function receiptState(s: ReceiptStanding): { key: string; values?: Record<string, string> } {
  if (s.refused) return { key: 'print.receipt.refused' };
  if (s.status === 'confirmed') return { key: 'print.receipt.confirmed' };
  if (s.status === 'declined') return { key: 'print.receipt.declined', values: { reason: s.statusReason ?? '' } };
  if (s.pending) return { key: s.submitted === 'requested' ? 'forms.state.pendingRequest' : 'forms.state.pending' };
  return { key: `forms.state.${s.submitted}` };
}
