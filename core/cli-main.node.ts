/** Entry point of the CLI (`npm run cli`; bundled to dist/node/cli.mjs by build/bundle.mjs). */
import { runCli } from './cli.node.js';

void runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }, import.meta.url).then((code) => (process.exitCode = code));
