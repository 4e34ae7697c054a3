// What the tool says: the confirmation a user reads before anything is billed (in chat, or as a
// modal dialog when an extension invokes the tool), and the text results a model reads. Text only:
// paths, never image bytes. Pure.
import { extensionFor } from '../assets/fileName';
import { exactFileName } from '../assets/exactPath';
import { altFromPrompt } from '../assets/reference';
import type { CostEstimate } from '../credits/costEstimator';
import { estimateText, overBalanceText, untranslated, type OverBalance } from '../credits/costText';
import type { InputIssue, ToolRequest } from './input';

const images = (count: number): string => (count === 1 ? '1 image' : `${count} images`);

/** The workspace-relative files an exact path stands for: `name.ext`, `name-2.ext`, … */
export function exactPaths(request: Pick<ToolRequest, 'path' | 'count'>): string[] {
  const path = request.path;
  if (!path) return [];
  return Array.from({ length: request.count }, (_, i) => [...path.folder, exactFileName(path.fileName, i)].join('/'));
}

export interface Confirmation {
  readonly title: string;
  readonly message: string;
  /** Shown while the tool runs. */
  readonly progress: string;
}

/** What the run is expected to cost, as far as earlier jobs tell. */
export interface ExpectedCost {
  readonly estimate: CostEstimate | undefined;
  /** Set when the estimate exceeds the last known balance: the tool will refuse the run. */
  readonly over: OverBalance | undefined;
}

function costLines(count: number, cost: ExpectedCost): string[] {
  const billed = `Expected cost: ${images(count)} billed to your Segmind account`;
  const lines = [cost.estimate ? `${billed}, ${estimateText(cost.estimate, untranslated)}.` : `${billed}. ${estimateText(undefined, untranslated)}.`];
  if (cost.over) {
    lines.push(`⚠ ${overBalanceText(cost.over, untranslated)} The tool will not run it: top up your account, or generate it from the Segmind panel, which asks first.`);
  }
  return lines;
}

/** The confirmation: model, size, count, where the files go and what it costs. */
export function confirmation(request: ToolRequest, outputFolder: string, cost: ExpectedCost): Confirmation {
  const { model, count, size } = request;
  const files = exactPaths(request);
  const where = files.length === 0 ? `in your output folder "${outputFolder}"` : files.length === 1 ? `as ${files[0]}` : `as ${files.join(', ')}`;
  const prompt = typeof request.params.prompt === 'string' ? altFromPrompt(request.params.prompt, 200) : '';
  return {
    title: count === 1 ? 'Generate an image with Segmind?' : `Generate ${count} images with Segmind?`,
    message: [
      `${model.name} will generate ${images(count)} of ${size.width}×${size.height} pixels (${extensionFor(request.format).toUpperCase()}) and save ${count === 1 ? 'it' : 'them'} ${where}.`,
      ...costLines(count, cost),
      `Prompt: “${prompt}”`,
    ].join('\n\n'),
    progress: `Generating ${images(count)} with ${model.name}`,
  };
}

/** The result for input that was refused before any request: what to fix, and that nothing was spent. */
export function invalidInputText(issues: readonly InputIssue[]): string {
  const fields = [...new Set(issues.map((i) => i.field))].join(', ');
  return [`Invalid input (fix: ${fields}). No image was generated and nothing was billed.`, ...issues.map((i) => `- ${i.message}`)].join('\n');
}

/** The result when the request was refused before it was sent (the file exists, no API key, …). */
export function refusedText(message: string): string {
  return `Not generated: ${message} No request was sent to Segmind and nothing was billed.`;
}

export interface GeneratedImages {
  readonly request: ToolRequest;
  readonly seed: number;
  /** Workspace-relative paths of the saved files, in output order. */
  readonly files: readonly string[];
  /** The references to paste into `referencedFrom`, one per file. */
  readonly references?: readonly string[];
}

/** The result of a generation: where the files are, and how to reference them from the document. */
export function resultText(generated: GeneratedImages): string {
  const { request, seed, files, references } = generated;
  const lines = [
    `Generated ${images(files.length)} with ${request.model.name} (${request.model.slug}), seed ${seed}, ${request.size.width}×${request.size.height} pixels.`,
    `Saved (workspace-relative):`,
    ...files.map((f) => `- ${f}`),
  ];
  if (request.referencedFrom && references?.length) {
    lines.push(`Reference to paste into ${request.referencedFrom} (relative to it, in its language):`, ...references);
  }
  return lines.join('\n');
}
