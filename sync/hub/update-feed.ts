/**
 * The app-update feed the hub serves under /updates/ — electron-updater's generic provider
 * reads it (its channel file, `latest-linux.yml` for Linux x64 and `latest.yml` for Windows;
 * `beta-linux.yml`, … for another channel), then downloads the file it names and checks its
 * SHA-512 and size. Pure: what a release makes of the feed; release.node.ts writes it.
 *
 *   version: '0.2.0'
 *   files:
 *     - url: 'aichingu-1279-0.2.0.AppImage'     (relative to /updates/)
 *       sha512: '…'                             (base64 of the file's SHA-512)
 *       size: 123456789
 *   path: 'aichingu-1279-0.2.0.AppImage'        (the deprecated single-file fields: the first file)
 *   sha512: '…'
 *   releaseDate: '2026-12-02T03:00:00.000Z'
 *   stagingPercentage: 25                       (absent: every kiosk)
 *
 * (builder-util-runtime's UpdateInfo; electron-updater's AppUpdater.isStagingMatch reads
 * stagingPercentage.) A version's files never change once released; the feed only moves forward.
 */
import * as z from 'zod';
import { parse, stringify } from 'yaml';

/** Where the hub serves the feed (and what electron-builder.yml's publish URL ends with). */
export const UPDATES_PATH = '/updates/';

/** The kinds of file a release can be: electron-builder's Linux (AppImage, deb) and Windows (nsis) targets. */
export const ARTIFACTS = { AppImage: 'linux', deb: 'linux', exe: 'windows' } as const;
export type ArtifactExt = keyof typeof ARTIFACTS;
export type Platform = (typeof ARTIFACTS)[ArtifactExt];

export const CHANNEL = /^[a-z][a-z0-9-]{0,31}$/;
/** semver.org's own pattern (a version electron-updater can compare) */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The artifact a file name is (by its extension, any case), or null. */
export function artifactOf(fileName: string): { ext: ArtifactExt; platform: Platform } | null {
  const dot = fileName.lastIndexOf('.');
  const ext = (Object.keys(ARTIFACTS) as ArtifactExt[]).find((e) => fileName.slice(dot + 1).toLowerCase() === e.toLowerCase());
  return dot > 0 && ext ? { ext, platform: ARTIFACTS[ext] } : null;
}

/** The channel file electron-updater asks for (Linux x64: -linux; Windows: none). */
export const feedName = (channel: string, platform: Platform): string => (platform === 'linux' ? `${channel}-linux.yml` : `${channel}.yml`);

/** The name a released file is stored and served under: one name per version and kind, whatever the file was called. */
export const storedName = (version: string, ext: ArtifactExt): string => `aichingu-1279-${version}.${ext}`;

const STORED = new RegExp(`^aichingu-1279-${SEMVER.source.slice(1, -1)}\\.(?:AppImage|deb|exe)$`);
const FEED = /^[a-z][a-z0-9-]{0,31}(?:-linux)?\.yml$/;
/** What /updates/ serves: a channel file, or a released file — nothing else that may lie in the folder. */
export function servedUpdate(name: string): 'feed' | 'file' | null {
  if (FEED.test(name)) return 'feed';
  return STORED.test(name) ? 'file' : null;
}

/** Semantic-version order (pre-releases before their release; build metadata ignored). */
export function compareVersions(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) throw new Error(`not a version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d) return Math.sign(d);
  }
  const [ra, rb] = [pa[4], pb[4]];
  if (ra === undefined || rb === undefined) return ra === rb ? 0 : ra === undefined ? 1 : -1;
  const [xa, xb] = [ra.split('.'), rb.split('.')];
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const [x, y] = [xa[i], xb[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export const FeedFile = z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().int().min(0) });
export type FeedFile = z.infer<typeof FeedFile>;
export const Feed = z.object({
  version: z.string().regex(SEMVER),
  files: z.array(FeedFile).min(1),
  path: z.string(),
  sha512: z.string(),
  releaseDate: z.string(),
  stagingPercentage: z.number().int().min(0).max(100).optional(),
});
export type Feed = z.infer<typeof Feed>;

/** The feed as written (its text parsed), or null when there is none or it cannot be read as one. */
export function readFeed(text: string | null): Feed | null {
  if (text === null) return null;
  try {
    const r = Feed.safeParse(parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/**
 * The feed after a release of `file` as `version`:
 * - a higher version than the feed's starts a new feed with this one file;
 * - the same version adds the file (an AppImage and a .deb of one version are both in the
 *   Linux feed; each updater takes its own kind) or replaces the entry of the same name, and
 *   sets the rollout anew (`--staging` again with a higher percentage widens it; without, everyone);
 * - a lower version is refused: kiosks never take one (a bad release is pulled by a higher version).
 */
export function nextFeed(existing: Feed | null, r: { version: string; file: FeedFile; releaseDate: string; stagingPercentage?: number }): { feed: Feed } | { refused: string } {
  if (existing && compareVersions(r.version, existing.version) < 0)
    return { refused: `the feed is at version ${existing.version}; a release never goes back (kiosks would not take ${r.version}): to pull a bad release, release a fixed one with a higher version` };
  if (existing && compareVersions(r.version, existing.version) === 0 && existing.version !== r.version)
    return { refused: `the feed is at version ${existing.version}, which ranks the same as ${r.version} (build metadata does not count): give a higher version` };
  const same = existing?.version === r.version;
  const files = [...(same && existing ? existing.files.filter((f) => f.url !== r.file.url) : []), r.file].sort((a, b) => Number(b.url.endsWith('.AppImage')) - Number(a.url.endsWith('.AppImage')));
  const first = files[0]!;
  return {
    feed: {
      version: r.version,
      files,
      path: first.url,
      sha512: first.sha512,
      releaseDate: same && existing ? existing.releaseDate : r.releaseDate,
      ...(r.stagingPercentage !== undefined ? { stagingPercentage: r.stagingPercentage } : {}),
    },
  };
}

/** The feed's text, in the order electron-builder writes it; strings quoted (a timestamp or a version stays a string in any YAML reader). */
export function feedYaml(f: Feed): string {
  const ordered = { version: f.version, files: f.files.map((x) => ({ url: x.url, sha512: x.sha512, size: x.size })), path: f.path, sha512: f.sha512, releaseDate: f.releaseDate, ...(f.stagingPercentage !== undefined ? { stagingPercentage: f.stagingPercentage } : {}) };
  return stringify(ordered, { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
}
