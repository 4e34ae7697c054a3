// Tests module for the installed .vsix (stage "package"): the extension host loads it while the
// extension comes from the extensions folder the .vsix was installed into, not from source.
import { runMocha } from '../integration/mocha-runner';

export function run(): Promise<void> {
  return runMocha(__dirname);
}
