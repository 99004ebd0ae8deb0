/**
 * The uploader's own failure and its pause, as a counsellor or operator meets them on what
 * ships — the built hub (dist/node/hub.mjs) and the built CLI (dist/node/cli.mjs), each command
 * a process of its own, so nothing said afterwards can come from a program's memory:
 *
 * - the device's signing key damaged (device.json still reads): `outbox send` fails in the
 *   uploader itself, exit 1, saying so; a new process's `outbox` shows the application with
 *   1 try and the uploader's words, in its text (`--json` stays the counts);
 * - the device revoked at the hub: `outbox send` is paused; a new process's `outbox` says the
 *   device is paused and why (the hub's code), from the outbox database;
 * - nothing personal (the applicant's name, phone) in the data folder or in any line the
 *   processes wrote (their logs at debug level).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir } from '../env.node.js';
import { startBuiltHub, type BuiltHub } from './built-hub.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp, type Ran } from './built-app.js';
import { formFile, person, plainTextIn, plainTextOf } from './outbox-people.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';

const PERSON = person(7, 41);
const FAILED = 'the uploader failed on this device while preparing the applications to send (Error ERR_OSSL_UNSUPPORTED); the applications are kept and tried again';

let app: BuiltApp;
let hub: BuiltHub;
let hubDir: string;
let dataDir: string;
/** everything the processes printed, standard output and error (their logs) */
let printed = '';

const cli = async (args: string[]): Promise<Ran> => {
  const r = await runBuiltCli(app, args, { env: { AICHINGU_LOG_LEVEL: 'debug' } });
  printed += `${r.out}\n${r.err}\n`;
  return r;
};
const cliOk = async (args: string[]): Promise<Ran> => {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${r.code}:\n${r.err}${r.out}`);
  return r;
};

beforeAll(async () => {
  app = copyBuiltApp();
  hubDir = (await freshHubLayout('outbox-uploader-hub-')).dataDir;
  hub = await startBuiltHub(app.hub, hubDir, { ...process.env, AICHINGU_RESOURCES: app.dist });
  dataDir = freshDir('outbox-uploader-kiosk-');
}, 300_000);
afterAll(async () => {
  await hub?.close();
});

describe("the uploader's own failure and its pause, after the program that met them has exited", () => {
  let clientId: string;

  it('a damaged device key: `outbox send` fails in the uploader (exit 1); a new `outbox` shows 1 try and the error in its text, --json the counts alone; nothing personal anywhere', async () => {
    const code = (await cliOk(['hub', 'enrol-device', '북구 행복센터 노트북', '--data', hubDir])).out.trim().split('\n').at(-1)!;
    await cliOk(['enrol', '--hub', hub.url, '--code', code, '--data', dataDir, '--json']);
    clientId = jsonResult<{ client_id: string }>(await cliOk(['apply', '--service', 'consultation-callback', '--form', formFile(freshDir('forms-'), PERSON, 1), '--data', dataDir, '--json'])).client_id;

    const file = join(dataDir, 'device.json');
    const good = readFileSync(file, 'utf8');
    const d = JSON.parse(good) as { private_key: string };
    writeFileSync(file, JSON.stringify({ ...d, private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }), { mode: 0o600 });
    try {
      const sent = await cli(['outbox', 'send', '--data', dataDir, '--json']);
      expect(sent.code).toBe(1);
      expect(sent.err.split('\n').filter((l) => l.startsWith('error:'))).toEqual([`error: ${FAILED}`]);
      expect(jsonResult(sent)).toEqual({ sent: 0, attention: 0, pending: 1 });
    } finally {
      writeFileSync(file, good, { mode: 0o600 });
    }

    // another process, later: what the counsellor reads
    const text = await cliOk(['outbox', '--data', dataDir]);
    const lines = text.out.trim().split('\n');
    expect(lines[0]).toBe('pending 1, sent 0, needs attention 0');
    expect(lines.filter((l) => l.startsWith('paused:'))).toEqual([]);
    expect(lines.at(-1)).toMatch(new RegExp(`^ {2}${clientId} {2}consultation-callback {2}\\S+ {2}\\d+ B {2}waiting to be sent {2}receipt \\d{4}-\\d{4}-\\d \\(given here\\); 1 try; last error: ${FAILED.replace(/[()]/g, '\\$&')}$`));
    // --json stays the counts issue 13 names
    expect((await cliOk(['outbox', '--data', dataDir, '--json'])).out.trim()).toBe('{"pending":1,"sent":0,"attention":0}');

    // the log said what failed (the error's class and code), by client count only
    expect(printed).toMatch(/"event":"outbox\.failed".*"code":"ERR_OSSL_UNSUPPORTED".*"stage":"preparing","counted":1/);
    expect(plainTextOf(dataDir, [PERSON])).toEqual([]);
    expect(plainTextIn(printed, [PERSON])).toEqual([]);
  }, 120_000);

  it('the device revoked: `outbox send` pauses; a new `outbox` says the device is paused and why, and the application 2 tries', async () => {
    await cliOk(['hub', 'revoke-device', '북구 행복센터 노트북', '--data', hubDir]);
    const sent = await cli(['outbox', 'send', '--data', dataDir]);
    expect(sent.code).toBe(1);
    expect(sent.err).toMatch(/error: the hub refused this device \(revoked\)/);

    const lines = (await cliOk(['outbox', '--data', dataDir])).out.trim().split('\n');
    expect(lines[2]).toBe('uploader: not running in this program (the kiosk app sends by itself; `outbox send` sends now)');
    expect(lines[3]).toMatch(/^paused: the hub refused this device \(revoked\) at \d{4}-\d\d-\d\dT[\d:.]+Z: .+; the applications wait until the hub takes them again$/);
    expect(lines[4]).toMatch(new RegExp(`^ {2}${clientId} .*; 2 tries; last error: revoked: `));

    expect(plainTextOf(dataDir, [PERSON])).toEqual([]);
    expect(plainTextIn(printed + hub.log(), [PERSON])).toEqual([]);
  }, 120_000);
});
