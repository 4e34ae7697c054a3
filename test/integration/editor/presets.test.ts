// Presets through "Generate Image from Selection" (its programmatic form: no quick pick): a user
// preset's model, parameters and style reach the request; a bad workspace preset is named with
// its file, its name and the field; an unknown name lists the presets there are.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SD3M, emulator, emulatorPerTest, expectRejection, generate, inWorkspace, waitFor } from './helpers';

const PRESETS_FILE = '.vscode/segmind-presets.json';

async function setUserPresets(value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('segmind').update('presets', value, vscode.ConfigurationTarget.Global);
}

describe('presets', function () {
  this.timeout(60_000);
  emulatorPerTest();

  afterEach(async () => {
    await setUserPresets(undefined);
    await vscode.workspace.fs.delete(inWorkspace(PRESETS_FILE)).then(undefined, () => undefined);
  });

  it("generates with a user preset: its model, its parameters over the defaults, its style around the prompt", async () => {
    await setUserPresets([{ name: 'Ink', model: SD3M, params: { num_inference_steps: 12, img_width: 512, img_height: 512, seed: 8 }, prefix: 'ink drawing of ', suffix: ', high contrast' }]);
    const result = await generate({ prompt: 'a heron', preset: 'Ink', folder: 'presets/user', insert: false });
    assert.deepEqual(result.files, ['presets/user/ink-drawing-of-a-heron-high-contrast-8.jpg']);
    const [job] = await emulator.jobs();
    assert.equal(job?.model, SD3M);
    assert.equal(job?.params.prompt, 'ink drawing of a heron, high contrast');
    assert.equal(job?.params.num_inference_steps, 12);
  });

  it('a bad workspace preset is refused with its file, its name and the field; nothing is sent', async () => {
    const file = { presets: [{ name: 'Tiny', model: SD3M, params: { img_width: 7 } }, { name: 'Fine', model: SD3M }] };
    await vscode.workspace.fs.writeFile(inWorkspace(PRESETS_FILE), new TextEncoder().encode(JSON.stringify(file)));
    // The file watcher reads it shortly after the write.
    await waitFor('the workspace presets to be read', async () => {
      try {
        await generate({ prompt: 'x', preset: 'Tiny', insert: false });
      } catch (e) {
        return /segmind-presets\.json "presets": preset "Tiny": params\.img_width/.test((e as Error).message) || undefined;
      }
      return undefined;
    });
    await expectRejection({ prompt: 'x', preset: 'Tiny', insert: false }, /^The preset "Tiny" cannot be used: \.vscode\/segmind-presets\.json "presets": preset "Tiny": params\.img_width: img_width must be/);
    assert.deepEqual(await emulator.apiCalls(), []);
  });

  it('an unknown preset name lists the presets there are', async () => {
    await setUserPresets([{ name: 'Ink', model: SD3M }]);
    await expectRejection({ prompt: 'x', preset: 'Oil', insert: false }, /^There is no preset "Oil": use one of ("[^"]+", )*"Ink".$/);
    await expectRejection({ prompt: 'x', preset: 'Ink', model: SD3M }, 'The option "model" of segmind.generateFromSelection must be left out when a "preset" is given (the preset names its model).');
  });
});
