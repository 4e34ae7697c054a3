// `npm run emulator [-- options]`: installs what is missing, builds, and runs the Segmind emulator
// standalone (dist/test/emulator/cli.main.js), forwarding the options. Ctrl-C stops it.
import path from 'node:path';
import { ensureNpmDeps, run, root } from './lib.mjs';

ensureNpmDeps();
if ((await run(process.execPath, ['esbuild.js'])) !== 0) process.exit(1);
const cli = path.join(root, 'dist', 'test', 'emulator', 'cli.main.js');
// The child gets Ctrl-C from the terminal too; ignore it here and exit with the child's code.
process.on('SIGINT', () => {});
process.exitCode = await run(process.execPath, [cli, ...process.argv.slice(2)]);
