// A prompts file (or a multi-line selection): one prompt per line; blank lines and `#` comments skipped.

/** The prompts in `text`, in order, each trimmed. */
export function parsePrompts(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
