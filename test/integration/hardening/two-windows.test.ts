// Two windows on the same workspace resuming the same job: each has its own SaveClaims on the
// shared global storage and runs saveOutputs for the same request at the same moment. Every image
// must be saved exactly once, both windows must report the same files, and no temporary file stays.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SaveClaims } from '../../../src/jobs/claims';
import type { JobRecord } from '../../../src/jobs/job';
import { saveOutputs, type ImageToSave } from '../../../src/jobs/saveOutputs';
import { buildSnapshot } from '../../../src/settings/snapshot';
import { SD3M, inWorkspace, listFolder, workspaceRoot } from '../editor/helpers';

// A valid 1×1 PNG (metadata is embedded into it like into any generated image).
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
const ROUNDS = 8;
const IMAGES = 3;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function record(requestId: string, folder: string): JobRecord {
  return {
    id: `job-${requestId}`, model: SD3M, body: { prompt: 'two windows', seed: 11 }, seed: 11, mode: 'async', createdAt: Date.now(),
    state: 'completed', requestId, submittedAt: Date.now(),
    target: { folderUri: inWorkspace(folder).toString(), workspaceFolderUri: workspaceRoot().toString() },
    files: [], imageCount: IMAGES,
  };
}

describe('hardening: two windows resume the same job', function () {
  this.timeout(120_000);
  const storage = vscode.Uri.joinPath(workspaceRoot(), '..', 'hardening-shared-global-storage');

  after(async () => {
    await vscode.workspace.fs.delete(storage, { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(inWorkspace('hardening/two-windows'), { recursive: true }).then(undefined, () => undefined);
  });

  it(`${ROUNDS} rounds × ${IMAGES} images, saved concurrently by two windows: each image exactly once`, async () => {
    const settings = buildSnapshot({});
    const images: ImageToSave[] = Array.from({ length: IMAGES }, () => ({ bytes: PNG, format: 'png' }));
    for (let round = 0; round < ROUNDS; round++) {
      const folder = `hardening/two-windows/round-${round}`;
      const job = record(`req-${round}-${globalThis.crypto.randomUUID()}`, folder);
      const windows = [new SaveClaims(storage), new SaveClaims(storage)];
      const results = await Promise.all(windows.map((claims) => saveOutputs(job, images, { settings, claims, globalStorage: storage, logger: quiet, onSaved: async () => undefined })));
      const files = await listFolder(folder);
      assert.equal(files.length, IMAGES, `round ${round}: ${files.join(', ')}`);
      assert.ok(files.every((f) => f.endsWith('.png') && !f.endsWith('.tmp')), files.join(', '));
      assert.deepEqual(results[0]?.map(String), results[1]?.map(String), 'both windows report the same files');
    }
  });
});
