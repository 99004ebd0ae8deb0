/** Entry point of the web host (bundled to dist/node/web-host.mjs by build/bundle.mjs). */
import { runWebHost } from './web-cli.node.js';

runWebHost(process.argv.slice(2), { electronPath: null, moduleUrl: import.meta.url }).catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exit(2);
});
