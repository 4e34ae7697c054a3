// The panel's fixed frame; the fields (form.ts) and job cards (jobs.ts) are rendered into it.

/** Static markup only: model names come from the catalog, nothing from the user. */
export function pageLayout(models: readonly { readonly slug: string; readonly name: string }[], isMac: boolean): string {
  return `
<form id="generator" novalidate aria-describedby="summary">
  <div class="preset-row" id="presets">
    <label for="preset">Preset</label>
    <select id="preset" aria-describedby="preset-style"></select>
    <button type="button" class="secondary" data-preset-action="savePreset" title="Save the model and parameters (not the prompt) as a preset">Save as Preset…</button>
    <button type="button" class="secondary" data-preset-action="renamePreset" data-user-only>Rename…</button>
    <button type="button" class="secondary" data-preset-action="deletePreset" data-user-only>Delete</button>
    <p id="preset-style" class="preset-style" hidden></p>
  </div>
  <div class="model-row">
    <label for="model">Model</label>
    <select id="model">${models.map((m) => `<option value="${m.slug}">${m.name}</option>`).join('')}</select>
  </div>
  <p class="model-description" id="model-description"></p>
  <div id="notice" class="notice" role="status" hidden></div>
  <div id="fields"></div>
  <div id="form-errors" class="error" role="alert" hidden></div>
  <div class="generate-row">
    <button type="submit" id="generate" class="primary" title="Generate (${isMac ? '⌘' : 'Ctrl'}+Enter)"><span class="codicon codicon-sparkle" aria-hidden="true"></span> Generate</button>
    <button type="button" class="secondary" id="reset" title="Reset every parameter of this model to its default (the prompt is kept)">Reset to defaults</button>
    <span id="summary" class="summary" aria-live="polite"></span>
  </div>
  <p id="cost-warning" class="cost-warning" role="status" hidden></p>
  <p class="drop-hint" id="drop-hint">Drop an image made with Segmind here to load its settings: hold Shift as you drag it over the panel.</p>
</form>
<div id="announcer" class="sr-only" role="status" aria-live="polite"></div>
<section id="jobs-section" aria-label="Generations" hidden>
  <h2>Generations</h2>
  <div id="jobs" class="jobs"></div>
</section>`;
}
