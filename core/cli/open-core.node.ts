/**
 * The core the CLI's commands work on (loaded by core/cli.node.ts only for the commands that use
 * it): this device's data folder, logging to standard error from warn up (AICHINGU_LOG_LEVEL).
 */
import { createCore, type Core } from '../core.node.js';
import { nodeHostEnv } from '../env.node.js';
import { createLogger } from '../log.node.js';

export function openCore(moduleUrl: string, dataDir: string): Core {
  return createCore(nodeHostEnv({ moduleUrl, name: 'cli', dataDir, createLogger: (name) => createLogger({ name, level: process.env.AICHINGU_LOG_LEVEL ?? 'warn' }) }));
}
