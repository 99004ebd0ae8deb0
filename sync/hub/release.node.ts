/**
 * `cli hub release FILE --version V [--staging N] [--channel latest] [--data DIR] [--json]`:
 * an app update for kiosks. The file (an AppImage, a .deb or a Windows installer, as
 * `npm run dist` makes them) is copied into the hub's data folder, DATA/updates/, under one
 * name per version and kind, and the channel's feed electron-updater reads is written beside it
 * (update-feed.ts) — `latest-linux.yml` for a Linux file, `latest.yml` for a Windows one. A
 * running hub serves the folder at /updates/ (updates.node.ts) and sees the new feed at the
 * next request: the command needs no running hub and no store.
 *
 * Each step survives a crash: the file is written beside its name, flushed and renamed, then
 * the feed the same way (kiosks never see a feed whose file is not all there). A released
 * file never changes: the same name with other bytes is refused. One release at a time
 * (DATA/updates/.release.lock).
 *
 * With --json, one line: {"version","channel","platform","feed","file","url","sha512","size",
 * "stagingPercentage","releaseDate","files"}.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { flush, writeFileAtomic } from '../protocol/files.node.js';
import { defaultHubDataDir } from './hub-env.node.js';
import { takeLock } from '../../core/lock.node.js';
import { artifactOf, CHANNEL, feedName, feedYaml, nextFeed, readFeed, SEMVER, storedName, type ArtifactExt, type Platform } from './update-feed.js';

/** The released files and their feeds, in the hub's data folder (served at /updates/). */
export const updatesDir = (hubDataDir: string): string => join(hubDataDir, 'updates');

export class ReleaseUsageError extends Error {}
export class ReleaseRefused extends Error {}

export interface ReleaseResult {
  version: string;
  channel: string;
  platform: Platform;
  /** the channel file written, e.g. latest-linux.yml */
  feed: string;
  /** the name the file is stored and served under */
  file: string;
  /** its URL, relative to the hub's address */
  url: string;
  /** base64 SHA-512 of the file, as in the feed */
  sha512: string;
  size: number;
  stagingPercentage: number | null;
  releaseDate: string;
  /** every file the feed now names (an AppImage and a .deb of one version, say) */
  files: string[];
}

async function sha512Of(file: string): Promise<{ sha512: string; size: number }> {
  const h = createHash('sha512');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha512: h.digest('base64'), size };
}

export function checkReleaseInput(o: { file?: string; version?: string; channel?: string; staging?: string }): { file: string; version: string; channel: string; staging?: number; ext: { ext: ArtifactExt; platform: Platform } } {
  if (!o.file) throw new ReleaseUsageError('hub release needs the file to release, e.g. cli hub release dist/release/aichingu-1279-0.2.0.AppImage --version 0.2.0');
  const art = artifactOf(o.file);
  if (!art) throw new ReleaseUsageError(`${basename(o.file)}: not an app update; release an .AppImage or .deb (Linux) or an .exe installer (Windows), as npm run dist makes them`);
  if (!o.version || !SEMVER.test(o.version)) throw new ReleaseUsageError(`--version must be the app's version as in its package.json, e.g. 0.2.0 (got "${o.version ?? ''}")`);
  const channel = o.channel ?? 'latest';
  if (!CHANNEL.test(channel)) throw new ReleaseUsageError(`--channel must be a channel name such as latest or beta (lower-case letters, digits, -), got "${channel}"`);
  let staging: number | undefined;
  if (o.staging !== undefined) {
    if (!/^\d{1,3}$/.test(o.staging) || Number(o.staging) > 100) throw new ReleaseUsageError(`--staging must be a percentage of kiosks, a whole number from 0 to 100 (got "${o.staging}")`);
    staging = Number(o.staging);
  }
  let s;
  try {
    s = statSync(o.file);
  } catch {
    throw new ReleaseUsageError(`${o.file}: no such file`);
  }
  if (!s.isFile()) throw new ReleaseUsageError(`${o.file}: not a file`);
  return { file: resolve(o.file), version: o.version, channel, staging, ext: art };
}

/** Stores the file and writes its channel's feed. Throws ReleaseUsageError (asked wrongly) or ReleaseRefused (the feed or a released file says no). */
export async function releaseUpdate(o: { hubDataDir: string; file?: string; version?: string; channel?: string; staging?: string; now?: Date }): Promise<ReleaseResult> {
  const input = checkReleaseInput(o);
  const dir = updatesDir(o.hubDataDir);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const lock = takeLock(join(dir, '.release.lock'), `the update feed in ${dir}`, undefined, 'another release?');
  try {
    const name = storedName(input.version, input.ext.ext);
    const target = join(dir, name);
    const { sha512, size } = await sha512Of(input.file);
    if (existsSync(target)) {
      const had = await sha512Of(target);
      if (had.sha512 !== sha512 || had.size !== size) throw new ReleaseRefused(`${name} is already released with other content, and a released file never changes: release this one with a higher --version`);
    } else {
      const tmp = `${target}.part-${process.pid}`;
      try {
        await copyFile(input.file, tmp);
        flush(tmp);
        const copied = await sha512Of(tmp);
        if (copied.sha512 !== sha512) throw new Error(`${input.file} changed while it was being copied; release it again`);
        await rename(tmp, target);
      } finally {
        await rm(tmp, { force: true });
      }
    }
    const feed = feedName(input.channel, input.ext.platform);
    const feedFile = join(dir, feed);
    const next = nextFeed(readFeed(existsSync(feedFile) ? readFileSync(feedFile, 'utf8') : null), {
      version: input.version,
      file: { url: name, sha512, size },
      releaseDate: (o.now ?? new Date()).toISOString(),
      stagingPercentage: input.staging,
    });
    if ('refused' in next) throw new ReleaseRefused(next.refused);
    writeFileAtomic(feedFile, feedYaml(next.feed));
    return {
      version: input.version,
      channel: input.channel,
      platform: input.ext.platform,
      feed,
      file: name,
      url: `/updates/${name}`,
      sha512,
      size,
      stagingPercentage: next.feed.stagingPercentage ?? null,
      releaseDate: next.feed.releaseDate,
      files: next.feed.files.map((f) => f.url),
    };
  } finally {
    lock.release();
  }
}

export interface ReleaseIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** The CLI command: exit 0 released, 1 refused or failed, 2 asked wrongly. Never throws. */
export async function releaseCommand(rest: string[], o: { data?: string; version?: string; staging?: string; channel?: string; json?: boolean }, io: ReleaseIO): Promise<number> {
  try {
    if (rest.length > 1) throw new ReleaseUsageError(`hub release takes one file (got ${rest.length}: ${rest.join(' ')})`);
    const r = await releaseUpdate({ hubDataDir: o.data ?? defaultHubDataDir(), file: rest[0], version: o.version, channel: o.channel, staging: o.staging });
    if (o.json) io.out(JSON.stringify(r));
    else {
      io.out(`released ${r.file} as version ${r.version} on channel ${r.channel} (${r.platform}): ${r.feed} now offers ${r.files.join(', ')}`);
      io.out(r.stagingPercentage === null ? 'every kiosk on this channel takes it at its next check' : `${r.stagingPercentage} % of kiosks take it (release it again with a higher --staging to widen, or without --staging for every kiosk)`);
    }
    return 0;
  } catch (e) {
    io.err(`error: ${(e as Error).message}`);
    return e instanceof ReleaseUsageError ? 2 : 1;
  }
}
