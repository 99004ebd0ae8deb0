/** The real publishing functions (publish.node.ts) as the hub and the CLI hand them to the operations (operator.node.ts). */
import { exportBundle, publish } from './publish.node.js';
import type { Publisher } from './operator.node.js';

export const publisher: Publisher = { publish, exportBundle };
