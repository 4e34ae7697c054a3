// The language model tool's name (package.json `languageModelTools`), registered at activation.

export const TOOL_NAME = 'segmind_generate_image';
