/**
 * The counsellor commands on the BUILT CLI (dist/node/cli.mjs, copied as packed), the PIN given
 * on standard input — never in the arguments: add, list (text and --json), a PIN change with
 * the drafts re-encrypted, a lockout an operator clears with unlock. The device is enrolled with
 * the real hub first. `npm test` builds first; run `npm run build` before running this file alone.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../core.node.js';
import { freshDir, testEnv } from '../../tests/env.node.js';
import { copyBuiltApp, runBuiltCli, type BuiltApp, type Ran } from '../../tests/journeys/built-app.js';
import { holds, startTestHub, walk, type TestHub } from './testing.node.js';

const PIN = '73194628';
const NEW_PIN = '551937';

let hub: TestHub;
let app: BuiltApp;

/** The built CLI with `stdin` piped in (the PIN goes there, never in the arguments). */
const cli = (args: string[], stdin = ''): Promise<Ran> => runBuiltCli(app, args, { stdin });

beforeAll(async () => {
  app = copyBuiltApp();
  hub = await startTestHub();
}, 180_000);
afterAll(async () => {
  await hub?.close();
});

describe('cli counsellor (built)', () => {
  it('add with the PIN on standard input, list, pin (drafts re-encrypted), lockout and unlock', { timeout: 120_000 }, async () => {
    const data = freshDir('counsellor-cli-');
    // not enrolled: refused, nothing made
    const early = await cli(['counsellor', 'add', '김상담', '--data', data], `${PIN}\n`);
    expect(early).toMatchObject({ code: 1, err: expect.stringMatching(/enrolled device.*cli enrol --hub URL --code CODE/) });
    await hub.enrolDevice(data, 'cli-counsellor-device');

    const add = await cli(['counsellor', 'add', '김상담', '--data', data], `${PIN}\n`);
    expect(add).toMatchObject({ code: 0, out: 'counsellor "김상담" added on this device; they sign in with their PIN (locked after 5 wrong PINs in a row)\n' });
    const json = await cli(['counsellor', 'add', '이 상담', '--json', '--data', data], `${PIN}\n`);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ name: '이 상담', created_at: expect.any(String) });
    expect(await cli(['counsellor', 'add', '김상담', '--data', data], `${PIN}\n`)).toMatchObject({ code: 1, err: 'error: a counsellor of that name is already on this device\n' });
    expect(await cli(['counsellor', 'add', '박상담', '--data', data], '1234\n')).toMatchObject({ code: 1, err: 'error: a PIN is 6 to 8 digits\n' });
    expect(await cli(['counsellor', 'add', '--data', data])).toMatchObject({ code: 2, err: expect.stringMatching(/needs the counsellor's name/) });
    expect(await cli(['counsellor', 'add', '박상담', '--pin', PIN, '--data', data])).toMatchObject({ code: 2 }); // there is no PIN flag

    // a counsellor signs in and keeps a draft (in the app: here through the core on the same folder)
    const t = testEnv({ dataDir: data });
    let core = createCore(t.env);
    await core.counsellor.signIn('김상담', PIN);
    const draft = core.counsellor.saveDraft({ kind: 'visit', data: { situation: '야간 돌봄 공백' } });
    await core.close();

    // the PIN changed by the operator: the current and the new one on standard input
    const wrong = await cli(['counsellor', 'pin', '김상담', '--data', data], `000000\n${NEW_PIN}\n`);
    expect(wrong).toMatchObject({ code: 1, err: expect.stringMatching(/^error: wrong PIN; 4 more wrong tries lock the account$/m) });
    // the warning logged (standard error, JSON) names the account by its id only
    const logged = wrong.err.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ event: 'counsellor.wrong_pin', account: expect.stringMatching(/^c_[0-9a-f]{16}$/), failures: 1 })]);
    expect(wrong.err).not.toMatch(/김상담|000000|551937/);
    expect(await cli(['counsellor', 'pin', '김상담', '--data', data], `${PIN}\n${NEW_PIN}\n`)).toMatchObject({ code: 0, out: 'PIN changed for "김상담"; 1 draft re-encrypted with it\n' });
    core = createCore(testEnv({ dataDir: data }).env);
    await expect(core.counsellor.signIn('김상담', PIN)).rejects.toMatchObject({ reason: 'wrong_pin' });
    await core.counsellor.signIn('김상담', NEW_PIN);
    expect(core.counsellor.openDraft(draft.id).data).toEqual({ situation: '야간 돌봄 공백' });
    core.counsellor.signOut();
    for (const pin of ['111111', '222222', '333333', '444444', '555555']) await expect(core.counsellor.signIn('김상담', pin)).rejects.toMatchObject({ reason: expect.stringMatching(/wrong_pin|locked/) });
    await core.close();

    const list = await cli(['counsellor', 'list', '--data', data]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^김상담 {2}added \S+ {2}1 draft {2}LOCKED since \S+ — cli counsellor unlock "김상담"\n이 상담 {2}added \S+ {2}0 drafts {2}0 wrong PINs in a row\n$/);
    const listed = JSON.parse((await cli(['counsellor', 'list', '--json', '--data', data])).out) as Record<string, unknown>[];
    expect(listed).toEqual([
      { name: '김상담', created_at: expect.any(String), pin_changed_at: expect.any(String), locked: true, locked_at: expect.any(String), failures: 5, drafts: 1 },
      { name: '이 상담', created_at: expect.any(String), pin_changed_at: expect.any(String), locked: false, locked_at: null, failures: 0, drafts: 0 },
    ]);
    expect(await cli(['counsellor', 'pin', '김상담', '--data', data], `${NEW_PIN}\n${PIN}\n`)).toMatchObject({ code: 1, err: expect.stringMatching(/locked after 5 wrong PINs.*cli counsellor unlock NAME/) });

    expect(await cli(['counsellor', 'unlock', '김상담', '--data', data])).toMatchObject({ code: 0, out: '"김상담" unlocked (it was locked after 5 wrong PINs in a row); they can sign in again\n' });
    expect(JSON.parse((await cli(['counsellor', 'unlock', '김상담', '--json', '--data', data])).out)).toEqual({ name: '김상담', was_locked: false, failures: 0 });
    expect(await cli(['counsellor', 'unlock', '아무개', '--data', data])).toMatchObject({ code: 1, err: expect.stringMatching(/no counsellor of that name/) });
    core = createCore(testEnv({ dataDir: data }).env);
    expect(await core.counsellor.signIn('김상담', NEW_PIN)).toMatchObject({ name: '김상담' });
    await core.close();

    // the data folder: private, no PIN and no draft in plain text
    for (const f of walk(data)) expect(f.mode, f.path).toBe(f.dir ? 0o700 : 0o600);
    for (const s of [PIN, NEW_PIN, '야간 돌봄 공백']) expect(holds(data, s), s).toEqual([]);
    expect(walk(data).map((f) => f.path)).toContain(join(data, 'counsellor.sqlite'));
  });
});
