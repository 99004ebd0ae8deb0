/**
 * The outbox protocol, shared by the device (which enrols, seals and uploads) and the hub
 * (which enrols devices, takes sealed applications and gives receipts). Environment-free: the
 * sealing is in seal.node.ts, the request signatures in device-auth.node.ts.
 *
 *   POST /intake/v1/enrol                 {code, public_key}            → 201 Enrolment
 *   POST /intake/v1/applications          {applications: Upload[1..100]} → 200 {results}   (device-signed)
 *   PUT  /intake/v1/applications/:id      Upload                        → 201 | 200 | 409 (device-signed)
 *   GET  /intake/v1/receipts/:receipt                                   → 200 ReceiptStatus (device-signed)
 *   POST /intake/v1/receipts/lookup       {receipt, phone}              → 200 ReceiptStatus | 404 (device-signed; a person's own check)
 *   POST /intake/v1/receipt-blocks        {}                            → 201 | 200 ReceiptBlock (device-signed)
 *
 * Receipt numbers are given in blocks ("hi/lo"): a block is a four-digit prefix whose 10,000
 * numbers (prefix, four-digit sequence, Damm check digit) belong to one device — the first with
 * the enrolment, the next when the device asks — or to the hub itself (for an application that
 * comes without a number). A device gives each application its number at submit, offline too,
 * and uploads it in the clear (it is not personal); the hub takes it only from the device whose
 * block it is.
 *
 * Idempotent by client id: an identical resend (the same sealed bytes) is answered like the
 * first time, with the same receipt (200 instead of 201); other bytes under the same id: 409.
 * In a batch, each application has its own result with the status a single PUT would have had;
 * one refused application never refuses the others. Errors are JSON `{error, message, field?}`.
 */
import * as z from 'zod';

export const INTAKE_PREFIX = '/intake/v1';
/** a sealed application's largest size (bytes, before base64) */
export const MAX_SEALED_BYTES = 64 * 1024;
/** applications in one upload request */
export const MAX_BATCH = 100;
/** an upload request's largest body: a full batch of the largest applications, base64, with room for the envelopes */
export const MAX_UPLOAD_BODY = Math.ceil((MAX_BATCH * MAX_SEALED_BYTES * 4) / 3) + MAX_BATCH * 512;

// ---- the one-time enrolment code ----------------------------------------------------------

/** Crockford's base32 without I, L, O, U: what an operator reads out and a counsellor types */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** A code as typed (any case, spaces or dashes, O for 0 and I or L for 1) in its canonical form, or null when it cannot be one. */
export function normalizeCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH || [...s].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return s;
}
/** The code as printed: two groups of five. */
export const formatCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;

// ---- receipts: eight digits and a Damm check digit, e.g. 4821-0937-5 ---------------------

const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];
const damm = (digits: string) => [...digits].reduce((i, d) => DAMM[i]![Number(d)]!, 0);

/** The Damm check digit of a string of digits (it catches every single wrong digit and every swap of two neighbours). */
export const checkDigit = (digits: string): number => damm(digits);

/** A receipt number from eight digits: `NNNN-NNNN-C`. */
export function receiptFrom(eightDigits: string): string {
  if (!/^\d{8}$/.test(eightDigits)) throw new Error(`a receipt is made of eight digits (got "${eightDigits}")`);
  return `${eightDigits.slice(0, 4)}-${eightDigits.slice(4)}-${checkDigit(eightDigits)}`;
}

/** A receipt number as typed (spaces and dashes anywhere) in its canonical form, or null when it is not nine digits or its check digit is wrong. */
export function parseReceipt(typed: string): string | null {
  const d = typed.replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(d) || damm(d) !== 0) return null;
  return `${d.slice(0, 4)}-${d.slice(4, 8)}-${d[8]}`;
}
export const RECEIPT = /^\d{4}-\d{4}-\d$/;

/** numbers in one receipt block (a four-digit prefix: its four-digit sequences) */
export const RECEIPT_BLOCK_SIZE = 10_000;
/** a device asks the hub for another block when it has fewer numbers left than this */
export const RECEIPT_LOW_WATER = 2_000;
export const RECEIPT_PREFIX = /^\d{4}$/;

/** The receipt number `seq` (0 … 9,999) of the block `prefix`. */
export function receiptOf(prefix: string, seq: number): string {
  if (!RECEIPT_PREFIX.test(prefix)) throw new Error(`a receipt block is four digits (got "${prefix}")`);
  if (!Number.isInteger(seq) || seq < 0 || seq >= RECEIPT_BLOCK_SIZE) throw new Error(`a receipt block holds the numbers 0 to ${RECEIPT_BLOCK_SIZE - 1} (got ${seq})`);
  return receiptFrom(prefix + String(seq).padStart(4, '0'));
}

/** The block a receipt number belongs to: its first four digits. */
export const receiptBlockOf = (receipt: string): string => receipt.slice(0, 4);

// ---- the wire ------------------------------------------------------------------------------

const KEY_LINE = z.string().regex(/^ed25519:[A-Za-z0-9+/]{43}=$/, 'an ed25519 key line (ed25519:<44 characters>)');
const SEAL_LINE = z.string().regex(/^x25519:[A-Za-z0-9+/]{43}=$/, 'an x25519 key line (x25519:<44 characters>)');
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const EnrolRequest = z
  .object({
    code: z.string().min(1).max(40),
    /** the device's own ed25519 public key (its private key never leaves it) */
    public_key: KEY_LINE,
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const Enrolment = z.object({
  device_id: z.string().regex(/^dev_[0-9a-f]{32}$/),
  /** the name the operator gave (`cli hub enrol-device NAME`) */
  name: z.string().min(1),
  /** the hub's signing key (catalogue manifests) */
  signing_key: KEY_LINE,
  /** the hub's sealing key (applications) */
  sealing_key: SEAL_LINE,
  /** ed25519 signature (base64) of SEALING_KEY_STATEMENT + sealing_key, by the signing key */
  sealing_key_signature: z.string().regex(B64).min(86),
  /** HMAC-SHA-256 (hex), keyed with the canonical code, of `device_id \n signing_key \n sealing_key \n public_key`: the hub that answers knows the code */
  proof: z.string().regex(/^[0-9a-f]{64}$/),
  /** the device's first block of receipt numbers (absent from an older hub, or when the hub could not give one: the device asks later) */
  receipt_block: z.string().regex(RECEIPT_PREFIX).optional(),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const SERVICE_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** One sealed application as uploaded: its envelope in the clear, the sealed bytes in base64. */
export const Upload = z
  .object({
    client_id: z.string().uuid(),
    service: z.string().regex(SERVICE_ID, 'a service id (a-z, 0-9 and dashes)'),
    created_at: z.string().datetime({ offset: true }),
    /** bytes of `sealed` once decoded */
    size: z.number().int().positive().max(MAX_SEALED_BYTES),
    sealed: z.string().regex(B64, 'base64').min(1),
    /** the receipt number the device gave at submit, from one of its blocks (not personal); absent when it had none left — the hub gives one */
    receipt: z
      .string()
      .regex(RECEIPT, 'a receipt number NNNN-NNNN-C')
      .refine((r) => parseReceipt(r) === r, 'a receipt number whose last digit checks the others')
      .optional(),
  })
  .strict();
export type Upload = z.infer<typeof Upload>;

export const UploadBatch = z.object({ applications: z.array(Upload).min(1).max(MAX_BATCH) }).strict();
export type UploadBatch = z.infer<typeof UploadBatch>;

export const Received = z.object({
  client_id: z.string().uuid(),
  /** 201: stored now; 200: the same application was stored before (the same receipt) */
  status: z.union([z.literal(201), z.literal(200)]),
  receipt: z.string().regex(RECEIPT),
  received_at: z.string().datetime({ offset: true }),
});
export type Received = z.infer<typeof Received>;

export const Refused = z.object({
  client_id: z.string(),
  /** 409: other bytes under this id, or a receipt number not the device's to give (receipt_not_own) or held by another application (receipt_taken); 400: not an application the hub can take; 413: too large */
  status: z.union([z.literal(400), z.literal(409), z.literal(413)]),
  error: z.string().min(1),
  /** for the "needs attention" list: what the hub says is wrong, in words */
  message: z.string().min(1),
});
export type Refused = z.infer<typeof Refused>;

export const UploadResult = z.union([Received, Refused]);
export type UploadResult = z.infer<typeof UploadResult>;
export const UploadAnswer = z.object({ results: z.array(UploadResult) });
export type UploadAnswer = z.infer<typeof UploadAnswer>;

/** An application's status at the hub: received; for a reservation (a form whose `submitted` is 'requested'), the centre's answer. */
export const APPLICATION_STATUSES = ['received', 'confirmed', 'declined'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const ReceiptStatus = z.object({
  receipt: z.string().regex(RECEIPT),
  service: z.string(),
  /** received: at the hub; confirmed or declined: the centre's answer to a reservation (`cli hub confirm|decline`) */
  status: z.enum(APPLICATION_STATUSES),
  received_at: z.string().datetime({ offset: true }),
  /** when the centre answered (null while received; absent from a hub older than the answers) */
  status_at: z.string().datetime({ offset: true }).nullable().optional(),
  /** a decline's reason: the operator's short, non-personal words */
  reason: z.string().max(200).nullable().optional(),
});
export type ReceiptStatus = z.infer<typeof ReceiptStatus>;

/** A block of receipt numbers the hub gave a device (POST /intake/v1/receipt-blocks): 201 a new one, 200 one it holds already and has not used (a device holds at most two unused ones). */
export const ReceiptBlock = z.object({ prefix: z.string().regex(RECEIPT_PREFIX) });
export type ReceiptBlock = z.infer<typeof ReceiptBlock>;

/** A person's own check of their application (POST /intake/v1/receipts/lookup): the receipt number and the phone number given on the form, in any usual writing. */
export const ReceiptLookup = z
  .object({
    receipt: z.string().min(1).max(20),
    phone: z.string().min(1).max(20),
  })
  .strict();
export type ReceiptLookup = z.infer<typeof ReceiptLookup>;
/** lookups one device may make in a minute (POST /intake/v1/receipts/lookup); beyond: 429 */
export const LOOKUPS_PER_MINUTE = 30;

/** What is sealed: the form and the consent it was given with. Read only by the hub. */
export const SealedApplication = z.object({
  format: z.literal(1),
  client_id: z.string().uuid(),
  service: z.string().regex(SERVICE_ID),
  created_at: z.string().datetime({ offset: true }),
  /** the form's fields, as the service's form schema validated them on the device */
  form: z.record(z.string(), z.unknown()),
  consent: z.object({ version: z.string().min(1), given_at: z.string().datetime({ offset: true }) }),
  /** the counsellor who submitted it on a family's behalf (counsellor mode), sealed inside, never in the envelope */
  counsellor: z.object({ name: z.string().min(1).max(40) }).optional(),
});
export type SealedApplication = z.infer<typeof SealedApplication>;
