// A preset's style: text put before and after the user's prompt. Shared, and apart from the preset
// schema (src/shared/presets.ts) so the webview bundle carries only this.

export interface PresetStyle {
  readonly prefix?: string;
  readonly suffix?: string;
}

/** The prompt the model gets: the preset's prefix, the user's prompt, its suffix. */
export function applyStyle(prompt: string, style: PresetStyle | undefined): string {
  if (!style) return prompt;
  return `${style.prefix ?? ''}${prompt}${style.suffix ?? ''}`;
}

export const PROMPT_PLACEHOLDER = '{prompt}';

/**
 * A style typed as one line, e.g. "cinematic photo of {prompt}, 35mm": the text around `{prompt}`
 * becomes prefix and suffix; without the placeholder the text is appended after ", ".
 */
export function parseStyleTemplate(template: string): PresetStyle {
  const text = template.trim();
  if (!text) return {};
  const at = text.indexOf(PROMPT_PLACEHOLDER);
  if (at < 0) return { suffix: `, ${text}` };
  const prefix = text.slice(0, at);
  const suffix = text.slice(at + PROMPT_PLACEHOLDER.length);
  return { ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) };
}

/** The one-line form of a preset's style (the inverse of parseStyleTemplate). */
export function styleTemplate(style: PresetStyle): string {
  if (!style.prefix && !style.suffix) return '';
  return `${style.prefix ?? ''}${PROMPT_PLACEHOLDER}${style.suffix ?? ''}`;
}
