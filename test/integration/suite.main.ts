// The integration tests module: the extension host (code-server launcher or @vscode/test-electron)
// loads it as `extensionTestsPath` and calls run(). Runs every dist/test/integration/**/*.test.js
// (except reload/ phases) with mocha; see mocha-runner.ts for the environment it reads.
import { runMocha } from './mocha-runner';

export function run(): Promise<void> {
  return runMocha(__dirname);
}
