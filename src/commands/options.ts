// The programmatic options of `segmind.generateFromSelection`, checked before anything else.
import * as vscode from 'vscode';

export interface GenerateOptions {
  readonly prompt?: string;
  readonly model?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly folder?: string;
  readonly insert?: boolean;
  /** A preset's name: its model, parameters (under `params`) and prompt style. */
  readonly preset?: string;
}

export type ParsedArgument = { readonly programmatic: false } | { readonly programmatic: true; readonly options: GenerateOptions } | { readonly programmatic: true; readonly error: string };

const KNOWN = ['prompt', 'model', 'params', 'folder', 'insert', 'preset'];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof vscode.Uri);
}

/** A menu passes a Uri (or nothing): interactive. An options object: programmatic, never modal UI. */
export function parseArgument(arg: unknown): ParsedArgument {
  if (!isPlainObject(arg)) return { programmatic: false };
  const unknown = Object.keys(arg).filter((k) => !KNOWN.includes(k));
  if (unknown.length) return { programmatic: true, error: `Unknown option ${unknown.map((k) => `"${k}"`).join(', ')} for segmind.generateFromSelection: use ${KNOWN.join(', ')}.` };
  const { prompt, model, params, folder, insert, preset } = arg;
  const wrong = (name: string, what: string) => ({ programmatic: true as const, error: `The option "${name}" of segmind.generateFromSelection must be ${what}.` });
  if (prompt !== undefined && typeof prompt !== 'string') return wrong('prompt', 'a string');
  if (model !== undefined && typeof model !== 'string') return wrong('model', 'a model id string');
  if (params !== undefined && !isPlainObject(params)) return wrong('params', 'an object of API parameters');
  if (params !== undefined && 'prompt' in params) return wrong('params', 'without "prompt" (pass the prompt as the "prompt" option)');
  if (folder !== undefined && typeof folder !== 'string') return wrong('folder', 'a workspace-relative folder');
  if (insert !== undefined && typeof insert !== 'boolean') return wrong('insert', 'true or false');
  if (preset !== undefined && typeof preset !== 'string') return wrong('preset', "a preset's name");
  if (preset !== undefined && model !== undefined) return wrong('model', 'left out when a "preset" is given (the preset names its model)');
  return {
    programmatic: true,
    options: {
      ...(prompt !== undefined ? { prompt } : {}), ...(model !== undefined ? { model } : {}), ...(params !== undefined ? { params } : {}),
      ...(folder !== undefined ? { folder } : {}), ...(insert !== undefined ? { insert } : {}), ...(preset !== undefined ? { preset } : {}),
    },
  };
}
