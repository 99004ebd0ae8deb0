/**
 * For the counsellor mode's tests: the REAL hub (PGlite store, intake routes over HTTP on
 * 127.0.0.1), as core/outbox/outbox.node.test.ts starts it, and devices enrolled with it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { memoryLogger } from '../log.node.js';
import { resources } from '../../tests/env.node.js';
import { openHubStore } from '../../sync/hub/store.node.js';
import { ensureHubKeys, ensureSealingKeys } from '../../sync/hub/hub-keys.node.js';
import { createHubServer } from '../../sync/hub/server.node.js';
import { registerIntake } from '../../sync/hub/intake.node.js';
import { localOperations, type HubContext } from '../../sync/hub/operator.node.js';
import { publisher } from '../../sync/hub/publisher.node.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';
import type { HubStore } from '../../sync/hub/store.js';
import type { SealingKeys } from '../../sync/protocol/seal.node.js';
import { enrol } from '../outbox/enrol.node.js';

export interface TestHub {
  url: string;
  store: HubStore;
  sealing: SealingKeys;
  ops: ReturnType<typeof localOperations>;
  /** enrols the device whose data folder this is, under a name of its own */
  enrolDevice(dataDir: string, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const { logger } = memoryLogger('hub');
  const layout = await freshHubLayout('counsellor-hub-');
  const store = await openHubStore({ layout, logger });
  const keys = ensureHubKeys(layout, logger).keys;
  const sealing = ensureSealingKeys(layout, logger).keys;
  const app: FastifyInstance = await createHubServer({ layout, store, keys, logger, extensions: [(a) => registerIntake(a, { store, keys, sealing, enrolRateLimit: { max: 1000, timeWindow: '1 minute' } })] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const ops = localOperations({ layout, store, keys, sealing, logger, publisher, resources: resources(), moduleUrl: import.meta.url } satisfies HubContext);
  return {
    url,
    store,
    sealing,
    ops,
    async enrolDevice(dataDir, name) {
      await enrol({ dataDir, hubUrl: url, code: (await ops.enrolDevice({ name })).code });
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Every file under a folder, with its mode. */
export function walk(dir: string): { path: string; mode: number; dir: boolean }[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    const st = statSync(p);
    return [{ path: p, mode: st.mode & 0o777, dir: st.isDirectory() }, ...(st.isDirectory() ? walk(p) : [])];
  });
}

/** The files under `dir` whose bytes hold `text` (UTF-8). */
export const holds = (dir: string, text: string): string[] => walk(dir).filter((f) => !f.dir && readFileSync(f.path).includes(Buffer.from(text, 'utf8'))).map((f) => f.path);
