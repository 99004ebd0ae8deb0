/**
 * GET /updates/:file — the app-update feed and the released files (release.node.ts writes them
 * into DATA/updates/), for electron-updater's generic provider: plain static files. A channel
 * file (latest-linux.yml, latest.yml, …) is always revalidated (no-cache, ETag → 304); a
 * released file never changes (immutable) and supports Range (an interrupted download resumes).
 * Only those two kinds of name are served — not the lock, not a file half-copied beside its name.
 * Registered as one of the public app's extensions (main.node.ts).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { artifactOf, servedUpdate, type ArtifactExt } from './update-feed.js';

/** Each kind's registered media type (IANA). */
export const UPDATE_TYPES: Record<ArtifactExt | 'yml', string> = {
  yml: 'text/yaml; charset=utf-8',
  AppImage: 'application/vnd.appimage',
  deb: 'application/vnd.debian.binary-package',
  exe: 'application/vnd.microsoft.portable-executable',
};
export const UPDATE_CACHE = { feed: 'no-cache', file: 'public, max-age=31536000, immutable' } as const;

export async function registerUpdates(app: FastifyInstance, o: { dir: string }): Promise<void> {
  // @fastify/send sets its own guess of the type (application/octet-stream for these): ours is set again just before the answer goes out
  const typeOf = (name: string) => (servedUpdate(name) === 'feed' ? UPDATE_TYPES.yml : UPDATE_TYPES[artifactOf(name)!.ext]);
  const onSend = async (req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode < 400) void reply.header('content-type', typeOf(req.params.file));
    return payload;
  };
  app.get<{ Params: { file: string } }>('/updates/:file', { onSend }, async (req, reply) => {
    const name = req.params.file;
    const kind = servedUpdate(name);
    const missing = () => reply.code(404).type('application/json; charset=utf-8').send({ error: 'not_found', message: `no update file ${name.slice(0, 100)} on this hub` });
    if (!kind) return missing();
    try {
      if (!(await stat(join(o.dir, name))).isFile()) return missing();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return missing();
      throw e;
    }
    void reply.header('cache-control', UPDATE_CACHE[kind]);
    return reply.sendFile(name, o.dir, { cacheControl: false, acceptRanges: true, etag: true, lastModified: true, dotfiles: 'deny', index: false });
  });
}
