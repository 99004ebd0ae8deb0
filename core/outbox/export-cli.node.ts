/**
 * `cli outbox export FILE [--data DIR] [--json]` (loaded by core/cli.node.ts only when it runs):
 * every application waiting in this device's outbox, as stored, into one device-signed file for
 * a USB stick (export.node.ts); a hub takes it with `cli hub import-applications FILE`. The
 * applications stay pending here. With --json, one line: {"file":…,"records":N,"bytes":N}.
 * Exit 0: written; 1: refused (not enrolled, nothing pending, the file exists, it cannot be
 * written) — nothing written; 2: asked wrongly.
 */
import type { OutboxService } from './service.node.js';
import { ExportError } from './export.node.js';
import { OutboxError } from './errors.js';

export interface ExportCtx {
  values: Record<string, string | boolean | undefined>;
  rest: string[];
  io: { out: (s: string) => void; err: (s: string) => void };
  core: () => { outbox: OutboxService };
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`);

export async function exportCommand(ctx: ExportCtx): Promise<number> {
  const { io, rest } = ctx;
  if (rest.length !== 1 || !rest[0]) {
    io.err(`error: outbox export needs one file to write, e.g. cli outbox export /media/usb/applications.a1279o${rest.length > 1 ? ` (got ${rest.length}: ${rest.join(' ')})` : ''}`);
    return 2;
  }
  const outbox = ctx.core().outbox;
  try {
    const r = await outbox.exportTo(rest[0]);
    if (ctx.values.json === true) io.out(JSON.stringify({ file: r.file, records: r.records, bytes: r.bytes }));
    else {
      const d = outbox.device();
      io.out(`wrote ${r.records} application${r.records === 1 ? '' : 's'} (${size(r.bytes)}) to ${r.file}, signed by this device${d ? ` ("${d.name}")` : ''}`);
      if (r.left) io.out(`${r.left} more waiting did not fit in one file (it holds the oldest); they are sent when the network returns`);
      io.out('they stay waiting here and are sent when the network returns; the hub takes each once, whichever way it arrives first');
      io.out(`at the hub: cli hub import-applications ${r.file}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof OutboxError || e instanceof ExportError) {
      io.err(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
