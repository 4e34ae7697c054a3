// What "Reproduce Image in Generator" and an image dropped on the panel put in the form, and what the
// user reads when an image has no settings to give.
import * as vscode from 'vscode';
import { MODELS } from '../shared/catalog';
import type { PrefillMessage } from '../shared/protocol';
import type { DropOutcome } from './droppedImage';
import type { GenerationRecord } from './imageRecord';

/** The record's model and every parameter, its seed kept, and a notice naming the image. */
export function reproducePrefill(record: GenerationRecord, name: string): Omit<PrefillMessage, 'type'> {
  const seedText = record.seed !== undefined ? vscode.l10n.t('seed {0}', record.seed) : vscode.l10n.t('no seed recorded');
  return {
    model: record.model,
    params: record.params,
    keepSeed: record.seed !== undefined,
    notice: record.foreignModel
      ? vscode.l10n.t('Reproducing {0}: it was made with "{1}"; its prompt and settings are shown with {2}, {3}.', name, record.foreignModel, MODELS[record.model].name, seedText)
      : vscode.l10n.t('Reproducing {0}: {1}, same parameters, {2}.', name, MODELS[record.model].name, seedText),
  };
}

export function noSettingsMessage(name: string): string {
  return vscode.l10n.t('{0} has no Segmind settings: it was not made by this extension with "segmind.embedMetadata" on, and has no AUTOMATIC1111 "parameters" text.', name || vscode.l10n.t('This image'));
}

/** Why a dropped image loaded nothing: one sentence the panel shows. */
export function dropRefusal(outcome: Extract<DropOutcome, { ok: false }>): string {
  switch (outcome.reason) {
    case 'noSettings':
      return noSettingsMessage(outcome.name);
    case 'notAnImage':
      return vscode.l10n.t('Only PNG, JPEG and WebP images can be dropped here: {0} is not one.', outcome.name || vscode.l10n.t('that'));
    case 'notAllowed':
      return vscode.l10n.t('Only images from this workspace or the Segmind gallery can be dropped here; {0} is outside them.', outcome.name);
    case 'unreadable':
      return vscode.l10n.t('Could not read {0}: {1}', outcome.name, outcome.detail ?? '');
  }
}
