// Hostile file-name templates and output folders (from a cloned workspace's settings, a command
// argument, a prompt, or a server's request id), against the editor's pure modules: nothing may
// name a place outside the workspace folder, or a name some OS refuses or misreads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FALLBACK_BASE_NAME, candidateName, expandFileNameTemplate, imageFileName, safeBaseName, type FileNameVariables } from '../../../src/assets/fileName';
import { resolveOutputFolder } from '../../../src/assets/outputFolder';
import { insideFolder, realFolderOf } from '../../../src/assets/realPath';
import { CaseTable, HOSTILE_TEXT } from '../../hardening/fixtures';

const table = new CaseTable();
after(() => table.print('File names and output folders (src/assets)'));

const VARS: FileNameVariables = { date: new Date(2026, 10, 23, 21, 5, 9), prompt: 'a lighthouse at dusk', model: 'stable-diffusion-3.5-large-txt2img', seed: 42, index: 1, requestId: 'abc-123' };
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Control characters shown as \\uXXXX (for the printed table). */
function printable(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
}

/** What every produced file name must satisfy on Windows, macOS and Linux. */
function assertSafeFileName(name: string, opts: { bidi?: boolean } = {}): void {
  assert.ok(name.length > 0);
  assert.ok(!/[/\\]/.test(name), `no path separator: ${name}`);
  assert.ok(!/[<>:"|?*]/.test(name), `no Windows-forbidden character: ${name}`);
  assert.ok(!CONTROL.test(name), `no control character: ${JSON.stringify(name)}`);
  if (opts.bidi !== false) assert.ok(!BIDI.test(name), `no bidi control (extension spoofing): ${JSON.stringify(name)}`);
  assert.notEqual(name, '.');
  assert.notEqual(name, '..');
  assert.ok(!name.startsWith('.'), `not hidden: ${name}`);
  assert.ok(!/[. ]$/.test(name), `no trailing dot or space: ${name}`);
  const stem = name.split('.')[0] ?? '';
  assert.ok(!RESERVED.test(stem.trim()), `not a reserved device name: ${name}`);
  // With `-9999` for uniqueness and a temporary `.{name}.{uuid}.tmp`, it still fits 255 bytes.
  assert.ok(Buffer.byteLength(`.${candidateName(name, 9999)}.${'x'.repeat(36)}.tmp`) <= 255, `too long: ${Buffer.byteLength(name)} bytes`);
}

describe('hardening: file-name templates', () => {
  const templates: Record<string, string> = {
    'parent traversal': '../../../etc/passwd',
    'backslash traversal': '..\\..\\Windows\\System32\\evil',
    'absolute path': '/etc/cron.d/${seed}',
    'drive letter': 'C:\\Users\\Public\\${seed}',
    'UNC path': '\\\\server\\share\\${seed}',
    'reserved CON': 'CON',
    'reserved nul (lower case)': 'nul',
    'reserved with extension': 'con.tar',
    'reserved COM1': 'COM1',
    'reserved LPT9': 'LPT9',
    'reserved CONIN$': 'CONIN$',
    'trailing dots': 'name...',
    'trailing spaces': 'name   ',
    'only dots': '...',
    'only spaces': '   ',
    'leading dot (hidden)': '.bashrc',
    '300-character name': 'x'.repeat(300),
    '300 emoji': '🐈'.repeat(300),
    'NUL in template': 'a\u0000b',
    'Windows-forbidden characters': 'a<b>c:d"e|f?g*h',
    'unknown variable': '${env:HOME}/${PATH}',
  };
  for (const [name, template] of Object.entries(templates)) {
    it(`${name}: ${JSON.stringify(template.slice(0, 40))} → a safe name in the folder`, () => {
      const file = imageFileName(template, VARS, 'png');
      assertSafeFileName(file);
      assert.ok(file.endsWith('.png'));
      table.add({ case: `file name template: ${name}`, outcome: `saved as "${file.length > 60 ? `${file.slice(0, 60)}…` : file}"`, submitsAccepted: '—', written: 'that file, in the output folder' });
    });
  }

  it('RTL override / bidi controls in a template are removed (no "image‮gnp.exe" spoofing)', () => {
    assertSafeFileName(imageFileName('invoice\u202egnp.exe', VARS, 'png'));
  });

  for (const [name, prompt] of Object.entries({ ...HOSTILE_TEXT, '..': '..', 'slashes': '../../x/y', '100 KB': 'word '.repeat(20_000) })) {
    it(`\${prompt} with ${name} → a safe slug`, () => {
      const file = imageFileName('${prompt}-${seed}', { ...VARS, prompt }, 'jpg');
      assertSafeFileName(file);
    });
  }

  it('a hostile request id from the server cannot steer the name', () => {
    for (const requestId of ['../../../.ssh/authorized_keys', 'C:\\x', 'CON', '\u202e', 'a'.repeat(5000), '/', '.']) {
      assertSafeFileName(imageFileName('${requestId}', { ...VARS, requestId }, 'webp'), { bidi: false });
    }
    table.add({ case: 'hostile ${requestId} ("../../.ssh/x", "CON", 5000 chars)', outcome: 'a safe name in the output folder', submitsAccepted: '—', written: 'that file' });
  });

  it('empty results fall back to "image"', () => {
    assert.equal(safeBaseName(''), FALLBACK_BASE_NAME);
    assert.equal(expandFileNameTemplate('${prompt}', { ...VARS, prompt: '🙂' }), FALLBACK_BASE_NAME);
  });
});

describe('hardening: output folders', () => {
  const refused: Record<string, string> = {
    'parent': '..',
    'parent then folder': '../outside',
    'nested parent': 'assets/../../outside',
    'backslash parent': 'assets\\..\\..\\outside',
    'parent after ${documentDir} at the root': '${documentDir}/../outside',
    'absolute POSIX': '/etc',
    'absolute Windows': '\\Windows\\System32',
    'UNC': '\\\\server\\share',
    'drive letter': 'C:\\Users\\Public',
    'drive-relative': 'C:assets',
    'home': '~/Pictures',
    'file: URI': 'file:///etc',
    'vscode-remote URI': 'vscode-remote://ssh-remote+host/etc',
    'NUL': 'assets/\u0000x',
    'control character': 'assets/\u001bx',
    'trailing dot segment': 'assets/generated.',
    'dots-only segment': 'assets/.../x',
    'segment " .."': 'assets/ ../x',
  };
  for (const [name, folder] of Object.entries(refused)) {
    it(`refuses ${name}: ${JSON.stringify(folder)}`, () => {
      const result = resolveOutputFolder(folder, { date: VARS.date, model: VARS.model, documentDir: '' });
      assert.equal(result.ok, false, JSON.stringify(result));
      if (!result.ok) {
        assert.match(result.error.message, /^The output folder .* Use a folder inside the workspace, such as "assets\/generated"\.$/s);
        table.add({ case: `output folder: ${name}`, outcome: printable(result.error.message), submitsAccepted: 0, written: 'nothing (checked before the submit)' });
      }
    });
  }

  const reserved: Record<string, string> = { 'reserved CON segment': 'assets/CON', 'reserved nul segment': 'nul/images', 'reserved com1.x segment': 'assets/com1.x/y' };
  for (const [name, folder] of Object.entries(reserved)) {
    it(`refuses ${name} (Windows cannot create it): ${folder}`, () => {
      const result = resolveOutputFolder(folder, { date: VARS.date, model: VARS.model });
      assert.equal(result.ok, false);
    });
  }

  it('accepts ordinary folders and keeps them inside', () => {
    for (const [folder, expected] of [['assets/generated', 'assets/generated'], ['./img//x/', 'img/x'], ['${documentDir}/img', 'docs/img'], ['', ''], ['%2e%2e/x', '%2e%2e/x'], ['a‥b', 'a‥b']] as const) {
      const result = resolveOutputFolder(folder, { date: VARS.date, model: VARS.model, documentDir: 'docs' });
      assert.ok(result.ok, folder);
      if (result.ok) {
        assert.equal(result.path, expected);
        assert.ok(!result.segments.includes('..'));
      }
    }
  });

  it('a 300-character folder name is accepted here; the write then fails and the image is kept', () => {
    const result = resolveOutputFolder(`assets/${'x'.repeat(300)}`, { date: VARS.date, model: VARS.model });
    assert.equal(result.ok, true);
    table.add({ case: 'output folder: 300-character segment', outcome: 'accepted; the OS refuses the write (ENAMETOOLONG) → image kept in global storage + "Save As…"', submitsAccepted: 1, written: 'global storage copy' });
  });
});

describe('hardening: symbolic links out of the workspace', () => {
  let root: string;
  let workspace: string;
  let outside: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-hardening-'));
    workspace = path.join(root, 'workspace');
    outside = path.join(root, 'outside');
    fs.mkdirSync(path.join(workspace, 'assets', 'real'), { recursive: true });
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(workspace, 'assets', 'out'));                       // link to a folder outside
    fs.symlinkSync(path.join(workspace, 'assets', 'out'), path.join(workspace, 'chain'));  // link to that link
    fs.symlinkSync(path.join(workspace, 'assets', 'real'), path.join(workspace, 'inner')); // link that stays inside
    fs.symlinkSync(path.join(outside, 'not-yet'), path.join(workspace, 'dangling'));      // link to a folder that does not exist yet
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const isInside = async (rel: string): Promise<boolean> => insideFolder(await realFolderOf(path.join(workspace, rel)), await realFolderOf(workspace));

  it('a folder through a link to outside is outside (also when it does not exist yet)', async () => {
    assert.equal(await isInside('assets/out'), false);
    assert.equal(await isInside('assets/out/generated/2026'), false);
    assert.equal(await isInside('chain/x'), false);
    table.add({ case: 'output folder through a symlink out of the workspace', outcome: 'The output folder "…" leads outside the workspace (through a symbolic link)…', submitsAccepted: 0, written: 'nothing' });
  });

  it('a link that stays inside the workspace is inside', async () => {
    assert.equal(await isInside('inner/x'), true);
    assert.equal(await isInside('assets/generated/new'), true);
  });

  it('a dangling link to outside is outside (mkdir -p would create the folder out there)', async () => {
    assert.equal(await isInside('dangling/x'), false);
  });

  it('insideFolder is not fooled by prefixes or "..foo" names', () => {
    assert.equal(insideFolder('/w/workspace-evil/x', '/w/workspace'), false);
    assert.equal(insideFolder('/w/workspace/../x', '/w/workspace'), false);
    assert.equal(insideFolder('/w/workspace', '/w/workspace'), true);
  });
});
