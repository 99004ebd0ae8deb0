/**
 * The real publishing functions (publish.node.ts) as the hub and the CLI hand them to the
 * operations (operator.node.ts), loaded when one runs: the catalogue's compiler (and its YAML
 * parser) stays out of the hub commands that do not publish.
 */
import type { Publisher } from './operator.node.js';

export const publisher: Publisher = {
  publish: async (ctx, from) => (await import('./publish.node.js')).publish(ctx, from),
  exportBundle: async (ctx, file) => (await import('./publish.node.js')).exportBundle(ctx, file),
};
