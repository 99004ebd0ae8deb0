/**
 * The hub: `npm run hub -- [--port 8790] [--host 127.0.0.1] [--data DIR] [--database-url URL] [--trust-proxy ADDRESSES]`
 * (bundled to dist/node/hub.mjs by build/bundle.mjs).
 *
 * Opens the store (embedded PGlite in DATA/pglite, or PostgreSQL with --database-url), makes
 * the signing and sealing keys on first start, prints the public keys and their fingerprints and the URL on
 * standard output, logs JSON (pino) on standard error, and serves until SIGINT or SIGTERM,
 * then closes gracefully. A port in use, a folder another hub holds or a bad flag: one line on
 * standard error, exit code 2.
 */
import { createServer, isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { resourcesFor } from '../../core/env.node.js';
import { createLogger, type Logger } from '../../core/log.node.js';
import { fingerprint } from '../protocol/keys.node.js';
import { defaultHubDataDir } from './hub-env.node.js';
import { ensureHubKeys, ensureSealingKeys } from './hub-keys.node.js';
import { registerIntake } from './intake.node.js';
import { hubLayout } from './layout.node.js';
import { ensureOperatorToken, localOperations } from './operator.node.js';
import { publisher } from './publisher.node.js';
import { startHub, type HubExtension, type RunningHub } from './server.node.js';
import { checkDatabaseUrl, HubStoreError, openHubStore } from './store.node.js';
import { registerOpenApi } from './openapi.node.js';
import { registerUpdates } from './updates.node.js';
import { updatesDir } from './release.node.js';
import { publishedCatalogue } from './published.node.js';
import { retention } from './retention.node.js';
import { Catalogue } from '../../db/catalogue/store.js';
import { readMigrations } from '../../db/sqlite.js';
import { join } from 'node:path';

const USAGE = `usage: npm run hub -- [--port 8790] [--host 127.0.0.1] [--data DIR] [--database-url postgres://…] [--trust-proxy ADDRESSES]
  --port N          where kiosks reach the hub (default 8790; 0: any free port)
  --host H          the address to listen on (default 127.0.0.1; 0.0.0.0 to face kiosks on the network)
  --data DIR        the hub's data folder (default: AICHINGU_HUB_DATA, else ~/.local/share/aichingu-1279-hub)
  --database-url U  a PostgreSQL server instead of the embedded store (postgres://USER:PASSWORD@HOST:PORT/DATABASE)
  --trust-proxy A   the reverse proxies in front of the hub (addresses or CIDRs, comma-separated): the Open API's
                    rate limit then counts the client their X-Forwarded-For names, not the proxy`;

class StartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

interface HubFlags {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  trustProxy?: string;
  help: boolean;
}

const FLAG_NAMES = '--port N, --host H, --data DIR, --database-url URL, --trust-proxy ADDRESSES';

/** --trust-proxy: addresses or CIDRs (10.0.0.0/8, ::1/128), comma-separated; anything else is refused by name. */
export function parseTrustProxy(value: string): string {
  const items = value.split(',').map((x) => x.trim());
  for (const it of items) {
    const [ip, bits, more] = it.split('/');
    const family = isIP(ip ?? '');
    const max = family === 6 ? 128 : 32;
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (!it || family === 0 || !okBits || more !== undefined)
      throw new StartError(`--trust-proxy takes the reverse proxies' addresses or CIDRs, comma-separated, e.g. 127.0.0.1 or 10.0.0.0/8 (got "${it}")`, 2);
  }
  return items.join(',');
}

export function parseHubFlags(argv: string[], env: NodeJS.ProcessEnv = process.env): HubFlags {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, 'database-url': { type: 'string' }, 'trust-proxy': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const flag = /'(-[^' ]+)/.exec(err.message)?.[1];
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new StartError(`unknown flag ${flag ?? ''}; the hub takes ${FLAG_NAMES}`, 2);
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new StartError(`unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ''}; the hub takes only flags: ${FLAG_NAMES}`, 2);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new StartError(`${flag ?? 'a flag'} needs a value (${FLAG_NAMES})`, 2);
    throw new StartError(err.message, 2);
  }
  const portText = (values.port as string | undefined) ?? '8790';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new StartError(`--port must be a whole number from 0 to 65535 (got "${portText}")`, 2);
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  if (isIP(host) === 0 && host !== 'localhost') throw new StartError(`--host must be an IP address such as 127.0.0.1 or 0.0.0.0 (got "${host}")`, 2);
  const data = values.data as string | undefined;
  if (data === '') throw new StartError('--data needs a folder', 2);
  const databaseUrl = values['database-url'] as string | undefined;
  if (databaseUrl !== undefined) {
    try {
      checkDatabaseUrl(databaseUrl);
    } catch (e) {
      throw new StartError(`--database-url: ${(e as Error).message}`, 2);
    }
  }
  const proxies = values['trust-proxy'] as string | undefined;
  const trustProxy = proxies === undefined ? undefined : parseTrustProxy(proxies);
  return { port: Number(portText), host, dataDir: data ?? defaultHubDataDir(env), databaseUrl, ...(trustProxy ? { trustProxy } : {}), help: values.help === true };
}

/** Resolves when host:port can be listened on now; rejects with the listen error (EADDRINUSE, …) otherwise. */
function portFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function listenError(e: unknown, flags: HubFlags): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new StartError(`port ${flags.port} is already in use on ${flags.host}; stop what uses it or choose another with --port`, 2);
  if (code === 'EADDRNOTAVAIL') return new StartError(`--host ${flags.host} is not an address of this machine`, 2);
  if (code === 'EACCES') return new StartError(`port ${flags.port} on ${flags.host} needs privileges this user does not have; choose one from 1024 with --port`, 2);
  return e as Error;
}

async function start(argv: string[], logger: () => Logger): Promise<RunningHub | null> {
  const flags = parseHubFlags(argv);
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return null;
  }
  // a port in use is said at once, not after the store has opened (PGlite's first start takes seconds)
  if (flags.port !== 0) await portFree(flags.host, flags.port).catch((e: unknown) => Promise.reject(listenError(e, flags)));
  const log = logger();
  const layout = hubLayout(flags.dataDir);
  let store;
  try {
    store = await openHubStore({ layout, databaseUrl: flags.databaseUrl, logger: log });
  } catch (e) {
    if (e instanceof HubStoreError && ['wrong_store', 'in_use', 'bad_url', 'unreachable', 'schema_newer', 'schema_edited'].includes(e.code)) {
      log.error({ err: e }, 'the hub store cannot be opened');
      throw new StartError(e.message, 2);
    }
    throw e;
  }
  let hub: RunningHub;
  try {
    const { keys, created } = ensureHubKeys(layout, log);
    if (created) process.stdout.write(`created the hub's signing key: ${layout.privateKey} (readable only by this user) — back it up; kiosks pin its public key\n`);
    process.stdout.write(`hub public key: ${keys.publicKey}\nfingerprint: ${fingerprint(keys.publicKey)}\n`);
    const { keys: sealing, created: sealingCreated } = ensureSealingKeys(layout, log);
    if (sealingCreated) process.stdout.write(`created the hub's sealing key: ${layout.sealPrivateKey} (readable only by this user) — back it up; without it no application sent to this hub can be read\n`);
    process.stdout.write(`hub sealing key: ${sealing.publicKey}\nsealing key fingerprint: ${fingerprint(sealing.publicKey)}\n`);
    const operatorToken = ensureOperatorToken(layout, log);
    const resources = resourcesFor(import.meta.url);
    const operations = localOperations({ layout, store, keys, sealing, logger: log, publisher, resources, moduleUrl: import.meta.url });
    // Plugins other parts of the hub add to the public app (server.node.ts, "Extensions"):
    // the Open API, reading the newest published catalogue; the intake, where enrolled
    // devices send sealed applications.
    const published = publishedCatalogue(layout, readMigrations(join(resources.migrations, 'catalogue')), log);
    const extensions: HubExtension[] = [
      async (app) => {
        app.addHook('onClose', async () => published.close());
        await registerOpenApi(app, { catalogue: () => published.current() });
      },
      // the service forms are checked against the newest published catalogue — before the first publish, the app's own
      async (app) => {
        let embedded: Catalogue | null = null;
        const formCatalogue = () => published.current() ?? (embedded ??= Catalogue.open(resources.embeddedCatalogue, readMigrations(join(resources.migrations, 'catalogue')), { search: false }));
        app.addHook('onClose', async () => embedded?.close());
        await registerIntake(app, { store, keys, sealing, formCatalogue });
      },
      // applications deleted a year (AICHINGU_HUB_RETENTION_DAYS) after the hub received them: now and every day
      retention({ store, logger: log }),
      // app updates for kiosks (cli hub release): electron-updater's feed and files, at /updates/
      (app) => registerUpdates(app, { dir: updatesDir(layout.dataDir) }),
    ];
    hub = await startHub({ layout, store, keys, logger: log, host: flags.host, port: flags.port, operations, operatorToken, extensions, ...(flags.trustProxy ? { trustProxy: flags.trustProxy } : {}) });
  } catch (e) {
    await store.close();
    throw listenError(e, flags);
  }
  process.stdout.write(`hub listening on ${hub.url}\n`);
  return hub;
}

function main(): void {
  let log: Logger | undefined;
  const logger = () => (log ??= createLogger({ name: 'hub' }));
  let stopping = false;
  const starting = start(process.argv.slice(2), logger);
  // a signal while starting waits for the start, then closes what it opened
  const stop = (why: string, code: number) => {
    if (stopping) {
      logger().warn({ signal: why }, 'asked again to stop: stopping now');
      process.exit(1);
    }
    stopping = true;
    logger().info({ signal: why }, 'stopping');
    starting
      .catch(() => null) // a failed start exits on its own (below)
      .then((hub) => hub?.close())
      .then(
        () => process.exit(code),
        (e: unknown) => {
          logger().error({ err: e }, 'the hub did not close cleanly');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('uncaughtException', (e) => {
    logger().fatal({ err: e }, 'uncaught exception: the hub stops');
    stop('uncaughtException', 1);
  });
  process.on('unhandledRejection', (e) => {
    logger().fatal({ err: e }, 'unhandled promise rejection: the hub stops');
    stop('unhandledRejection', 1);
  });
  starting.then(
    (hub) => {
      if (!hub) process.exit(0); // --help
    },
    (e: unknown) => {
      if (e instanceof StartError) {
        process.stderr.write(`error: ${e.message}\n`);
        process.exit(e.exitCode);
      }
      logger().fatal({ err: e }, 'the hub cannot start');
      process.stderr.write(`error: the hub cannot start: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}

main();
