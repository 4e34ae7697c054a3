// The panel's preset requests (save, rename, delete): the questions are asked in the editor's own
// input boxes, and each request is answered with what the user chose.
import { askToDeletePreset, askToRenamePreset, askToSavePreset } from '../presets/presetQuestions';
import type { PresetLibrary } from '../presets/presetLibrary';
import { presetParamsIssue } from '../shared/presets';
import type { PresetsMessage, ReplyPayload, RequestMessage } from '../shared/protocol';

export type PresetRequest = RequestMessage<'savePreset' | 'renamePreset' | 'deletePreset'>;

type PresetRequestType = PresetRequest['type'];

const answers: { readonly [K in PresetRequestType]: (library: PresetLibrary, request: RequestMessage<K>) => Promise<ReplyPayload<K>> } = {
  async savePreset(library, request) {
    // From the webview, so untrusted: the same checks as a preset read from the settings.
    const { prompt: _prompt, ...params } = request.params;
    const issue = presetParamsIssue(request.model, params);
    if (issue) throw new Error(issue.message);
    const name = await askToSavePreset(library, { model: request.model, params, ...(request.basedOn !== undefined ? { basedOn: request.basedOn } : {}) });
    return name === undefined ? {} : { name };
  },
  async renamePreset(library, request) {
    const name = await askToRenamePreset(library, request.name);
    return name === undefined ? {} : { name };
  },
  async deletePreset(library, request) {
    return { deleted: await askToDeletePreset(library, request.name) };
  },
};

/** What the panel replies to `request`; rejects with an Error whose message the webview shows. */
export function answerPresetRequest<K extends PresetRequestType>(library: PresetLibrary, request: Extract<PresetRequest, { type: K }>): Promise<ReplyPayload<K>> {
  const answer = answers[request.type as K] as (library: PresetLibrary, request: Extract<PresetRequest, { type: K }>) => Promise<ReplyPayload<K>>;
  return answer(library, request);
}

export function presetsMessage(library: PresetLibrary): PresetsMessage {
  return { type: 'presets', presets: library.all() };
}
