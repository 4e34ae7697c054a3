// `npm run emulator`: the Segmind emulator as a standalone server, until Ctrl-C.
// Options: --port N, --key KEY, --queue-ms N, --processing-ms N, --realistic SEED, --control,
//          --same-origin, --incompressible
import { parseArgs } from 'node:util';
import { realisticTiming, startEmulator, type EmulatorOptions } from './emulator';

const USAGE = `Usage: npm run emulator -- [--port N] [--key KEY] [--queue-ms N] [--processing-ms N]
                              [--realistic SEED] [--control] [--same-origin] [--incompressible]`;

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      key: { type: 'string' },
      'queue-ms': { type: 'string' },
      'processing-ms': { type: 'string' },
      realistic: { type: 'string' },
      control: { type: 'boolean' },
      'same-origin': { type: 'boolean' },
      incompressible: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: EmulatorOptions = {
    port: numberOption(values.port, 'port') ?? 0,
    queueMs: numberOption(values['queue-ms'], 'queue-ms'),
    processingMs: numberOption(values['processing-ms'], 'processing-ms'),
    control: values.control === true,
    separateOutputOrigin: values['same-origin'] !== true,
    incompressible: values.incompressible === true,
  };
  if (values.key !== undefined) options.apiKey = values.key;
  const realisticSeed = numberOption(values.realistic, 'realistic');
  if (realisticSeed !== undefined) Object.assign(options, realisticTiming(realisticSeed));

  const emulator = await startEmulator(options);
  console.log(`Segmind emulator listening on ${emulator.url}`);
  console.log(`  images served from ${emulator.outputUrl}`);
  console.log(`  API key it accepts: ${emulator.apiKey}`);
  if (options.control) console.log(`  control API: ${emulator.url}/__emulator/{requests,jobs,info,fault,reset,clock}`);
  console.log('');
  console.log('Use it from VS Code: set "segmind.apiBaseUrl" to the URL above and start VS Code with');
  console.log(`  SEGMIND_API_KEY=${emulator.apiKey}`);
  console.log('Press Ctrl-C to stop.');

  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`emulator: ${(err as Error).message}`);
  console.error(USAGE);
  process.exit(1);
});
