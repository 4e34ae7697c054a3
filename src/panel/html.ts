// The generator panel's page. Pure (no `vscode` import) so the CSP and escaping are unit-tested.
import type { InitialData } from '../shared/protocol';

export interface PageParts {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh `crypto.randomUUID()` per page load. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
  readonly initialData: InitialData;
}

/** Escapes text for an HTML attribute value or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The Content-Security-Policy: nothing but our own bundle, styles, fonts and images from the allowed roots. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderPage(parts: PageParts): string {
  const data = escapeHtml(JSON.stringify(parts.initialData));
  return renderWebviewPage(parts, `<main id="app" data-init="${data}"></main>`);
}

/**
 * A webview page: the CSP (plus `extraDirectives`), the stylesheet, `main` (trusted markup) and the
 * one script with its nonce.
 */
export function renderWebviewPage(parts: Omit<PageParts, 'initialData'>, main: string, extraDirectives: readonly string[] = []): string {
  const csp = [contentSecurityPolicy(parts.cspSource, parts.nonce), ...extraDirectives].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(parts.styleUri)}">
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
${main}
<script nonce="${escapeHtml(parts.nonce)}" src="${escapeHtml(parts.scriptUri)}"></script>
</body>
</html>`;
}
