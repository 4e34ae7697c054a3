// The images a document references but the workspace lacks, each with the request that makes it.
import * as vscode from 'vscode';
import { fileExists } from '../assets/save';
import { findImageReferences } from '../references';
import type { ModelSlug } from '../shared/catalog';
import { planMissingImage, type MissingImagePlan } from './plan';

/** Every reference of `document` to a missing image, in document order (a path may come twice). */
export async function findMissingImages(document: vscode.TextDocument, defaultModel: ModelSlug): Promise<MissingImagePlan[]> {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return [];
  const references = findImageReferences({ text: document.getText(), languageId: document.languageId, path: vscode.workspace.asRelativePath(document.uri, false) });
  const plans = references.map((r) => planMissingImage(r, defaultModel)).filter((p): p is MissingImagePlan => p !== undefined);
  const paths = [...new Set(plans.map((p) => p.path))];
  // An unreadable location counts as present: never offer to write where we cannot look.
  const present = await Promise.all(paths.map((path) => fileExists(vscode.Uri.joinPath(folder.uri, ...path.split('/'))).catch(() => true)));
  const missing = new Set(paths.filter((_, i) => !present[i]));
  return plans.filter((p) => missing.has(p.path));
}

/** One plan per path, the first reference's: an image referenced twice is made once. */
export function uniqueByPath(plans: readonly MissingImagePlan[]): MissingImagePlan[] {
  const seen = new Set<string>();
  return plans.filter((p) => !seen.has(p.path) && seen.add(p.path));
}

export function rangeOf(document: vscode.TextDocument, plan: MissingImagePlan): vscode.Range {
  return new vscode.Range(document.positionAt(plan.range.start.offset), document.positionAt(plan.range.end.offset));
}
