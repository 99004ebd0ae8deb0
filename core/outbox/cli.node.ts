/**
 * The outbox's commands on this device (loaded by core/cli.node.ts only when one of them runs):
 *
 *   enrol --hub URL --code CODE [--data DIR] [--json]     enrol with the code from `hub enrol-device NAME`
 *   apply --service ID --form FILE.json [--data DIR] [--json]   seal one application into the outbox (--json: its envelope and receipt number)
 *   outbox [--data DIR] [--json]                          {"pending":N,"sent":N,"attention":N} (text: and details)
 *   outbox send [--data DIR] [--json]                     upload until empty, or until the hub cannot be reached
 *
 * Nothing personal is printed, logged or passed in arguments: `apply` reads the form from the
 * file it is given (and never copies it), and every output names records by client id only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.node.js';
import { OutboxError } from './errors.js';
import { enrol } from './enrol.node.js';
import type { OutboxService, OutboxStatus } from './service.node.js';
import type { StoredPause } from './store.node.js';

/** What these commands need of the core (core/cli.node.ts hands its own; only hosts build one). */
interface Core {
  outbox: OutboxService;
  env: { logger: Logger; resources: { locales: string } };
}

export interface OutboxCtx {
  values: Record<string, string | boolean | undefined>;
  rest: string[];
  io: { out: (s: string) => void; err: (s: string) => void };
  core: () => Core;
  dataDir: () => string;
}

const str = (v: OutboxCtx['values'], k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

/** A form problem in the CLI's language (English), from the same locale the UI uses. */
function problemText(core: Core, key: string): string {
  try {
    const en = JSON.parse(readFileSync(join(core.env.resources.locales, 'en.json'), 'utf8')) as unknown;
    const found = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), en);
    if (typeof found === 'string') return found;
  } catch {
    // the locale cannot be read: the key says it
  }
  return key;
}

const stateWords: Record<string, string> = { pending: 'waiting to be sent', sent: 'sent', attention: 'needs attention' };
const uploaderWords: Record<string, string> = {
  idle: 'idle',
  sending: 'sending',
  waiting: 'waiting to try again',
  paused: 'paused',
  not_enrolled: 'not enrolled',
  stopped: 'not running in this program (the kiosk app sends by itself; `outbox send` sends now)',
};

/** A sent reservation's status at the hub, as the receipt shows it (a plain application: nothing more to say). */
function statusText(r: OutboxStatus['records'][number]): string {
  if (r.status === 'requested') return '; requested — the centre will confirm';
  if (r.status === 'confirmed') return `; confirmed by the centre (${r.statusAt})`;
  if (r.status === 'declined') return `; declined by the centre (${r.statusAt})${r.statusReason ? `: "${r.statusReason}"` : ''}`;
  return '';
}

function details(s: OutboxStatus, pause: StoredPause | null): string[] {
  const lines: string[] = [];
  const d = s.device;
  lines.push(d.enrolled ? `device: "${d.name}" (${d.deviceId}), enrolled ${d.enrolledAt} with ${d.hubUrl}; hub key ${d.keyFingerprint}` : 'device: not enrolled (cli enrol --hub URL --code CODE)');
  const u = s.uploader;
  lines.push(`uploader: ${uploaderWords[u.state] ?? u.state}${u.nextTryAt ? `, next try ${u.nextTryAt}` : ''}${u.pausedReason ? ` (${u.pausedReason})` : ''}${u.lastError ? `; last error: ${u.lastError}` : ''}`);
  // the pause as kept by the last try the hub refused (any process, before a restart too): said unless this program's own uploader says it
  if (pause && u.state !== 'paused') lines.push(`paused: the hub refused this device (${pause.code}) at ${pause.at}: ${pause.message}; the applications wait until the hub takes them again`);
  if (!s.records.length) lines.push('no applications');
  for (const r of s.records) {
    const tail =
      r.state === 'sent'
        ? `receipt ${r.receipt} (received ${r.receivedAt})${statusText(r)}`
        : r.state === 'attention'
          ? `${r.receipt ? `receipt ${r.receipt}; ` : ''}the hub said: ${r.code}: ${r.reason}`
          : `${r.receipt ? `receipt ${r.receipt} (given here); ` : ''}${r.attempts} tr${r.attempts === 1 ? 'y' : 'ies'}${r.lastError ? `; last error: ${r.lastError}` : ''}`;
    lines.push(`  ${r.clientId}  ${r.service}  ${r.createdAt}  ${r.size} B  ${stateWords[r.state]}  ${r.state !== 'pending' ? `after ${r.attempts} tr${r.attempts === 1 ? 'y' : 'ies'}; ` : ''}${tail}`);
  }
  return lines;
}

export async function outboxCommand(name: 'enrol' | 'apply' | 'outbox' | 'outbox send', ctx: OutboxCtx): Promise<number> {
  const { values, io } = ctx;
  const json = values.json === true;
  if (ctx.rest.length) {
    io.err(`error: ${name} takes no arguments (got "${ctx.rest.join(' ')}")`);
    return 2;
  }
  try {
    if (name === 'enrol') {
      const r = await enrol({ dataDir: ctx.dataDir(), hubUrl: str(values, 'hub')!, code: str(values, 'code')!, logger: ctx.core().env.logger });
      const d = r.device;
      if (json) io.out(JSON.stringify({ device_id: d.device_id, name: d.name, hub_url: d.hub_url, fingerprint: r.fingerprint, enrolled_at: d.enrolled_at }));
      else {
        io.out(`enrolled as "${d.name}" (${d.device_id}) with the hub at ${d.hub_url}`);
        io.out(`hub key fingerprint: ${r.fingerprint} (compare it with the one the hub printed)`);
        io.out('applications submitted on this device are now sealed for this hub');
      }
      return 0;
    }

    if (name === 'apply') {
      const file = str(values, 'form')!;
      let form: unknown;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        io.err(`error: --form ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); give the form as a JSON file`);
        return 2;
      }
      try {
        form = JSON.parse(text);
      } catch {
        // (the parser's message quotes the file: it is not repeated here)
        io.err(`error: --form ${file} is not JSON; write the form as one JSON object, e.g. {"name": "…", "phone": "010-1234-5678", …}`);
        return 1;
      }
      if (form === null || typeof form !== 'object' || Array.isArray(form)) {
        io.err(`error: --form ${file} must hold one JSON object (the form's fields)`);
        return 1;
      }
      const core = ctx.core();
      try {
        const r = core.outbox.submit({ service: str(values, 'service')!, form });
        // --json: the envelope as it always was, and the receipt number given here (null: the hub gives it when it arrives)
        if (json) io.out(JSON.stringify({ client_id: r.client_id, service: r.service, created_at: r.created_at, size: r.size, state: r.state, receipt: r.receipt ?? null }));
        else io.out(`${r.client_id}: waiting to be sent (sealed for the hub, ${r.size} bytes); ${r.receipt ? `receipt ${r.receipt}` : 'its receipt number comes from the hub when it is sent'}`);
        return 0;
      } catch (e) {
        if (e instanceof OutboxError && e.reason === 'bad_form') {
          for (const p of e.problems) io.err(`field "${p.field}": ${problemText(core, p.key)} [${p.code}]`);
          return 1;
        }
        throw e;
      }
    }

    const core = ctx.core();
    if (name === 'outbox') {
      const s = core.outbox.status();
      const pause = core.outbox.storedPause();
      // --json: the counts, exactly as issue 13 names them (operators' scripts read this line); the details are the text's
      if (json) io.out(JSON.stringify({ pending: s.pending, sent: s.sent, attention: s.attention }));
      else {
        io.out(`pending ${s.pending}, sent ${s.sent}, needs attention ${s.attention}`);
        for (const l of details(s, pause)) io.out(l);
      }
      return 0;
    }

    // outbox send
    const r = await core.outbox.sendNow({ onRetry: (message, waitMs) => io.err(`${message}; trying again in ${(waitMs / 1000).toFixed(1)} s`) });
    const result = { sent: r.sent, attention: r.attention, pending: r.pending };
    if (!json) io.out(`sent ${r.sent}, needs attention ${r.attention}, pending ${r.pending}`);
    if (r.stopped?.kind === 'transient') io.err(`error: the hub cannot be reached: ${r.stopped.message} (tried ${r.tries} times); the ${r.pending} pending application(s) are kept and will be sent later`);
    else if (r.stopped?.kind === 'paused')
      io.err(`error: the hub refused this device (${r.stopped.code}): ${r.stopped.message}; the ${r.pending} pending application(s) are kept. ${r.stopped.code === 'clock_skew' ? "Set the device's clock" : 'Enrol the device again with a new code'}, then send again.`);
    else if (r.stopped?.kind === 'not_enrolled' || r.stopped?.kind === 'failed') io.err(`error: ${r.stopped.message}`);
    else if (r.attention && !json) io.out('the applications that need attention are listed by: cli outbox');
    if (json) io.out(JSON.stringify(result));
    return r.stopped ? 1 : 0;
  } catch (e) {
    if (e instanceof OutboxError) {
      io.err(`error: ${e.message}`);
      return e.reason === 'bad_url' ? 2 : 1;
    }
    throw e;
  }
}
