// What the generator panel registers at activation (package.json), before its code loads.

export const GENERATE_COMMAND = 'segmind.generate';
/** The webview panel type VS Code restores after a reload (activation event `onWebviewPanel:`). */
export const GENERATOR_VIEW_TYPE = 'segmind.generator';
