// The language of the document an image will be referenced from, so the tool can write the
// reference in its syntax, also when the agent has not created that document yet.
import * as vscode from 'vscode';

/** VS Code's language id for the file extensions whose references differ from a plain path. */
const LANGUAGE_BY_EXTENSION: Readonly<Record<string, string>> = {
  md: 'markdown', markdown: 'markdown', mdx: 'mdx', qmd: 'quarto', rmd: 'rmd',
  html: 'html', htm: 'html', vue: 'vue', svelte: 'svelte', php: 'php', astro: 'astro', hbs: 'handlebars', cshtml: 'razor',
  jsx: 'javascriptreact', tsx: 'typescriptreact',
  css: 'css', scss: 'scss', less: 'less', sass: 'sass', styl: 'stylus', pcss: 'postcss',
  tex: 'latex', rst: 'restructuredtext', adoc: 'asciidoc', asciidoc: 'asciidoc',
};

/** The open (or openable) document's language; for a file that does not exist yet, the one its extension implies. */
export async function documentLanguage(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.languageId;
  try {
    return (await vscode.workspace.openTextDocument(uri)).languageId;
  } catch {
    const extension = uri.path.slice(uri.path.lastIndexOf('.') + 1).toLowerCase();
    return LANGUAGE_BY_EXTENSION[extension] ?? 'plaintext';
  }
}
