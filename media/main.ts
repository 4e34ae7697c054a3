// Webview entry (dist/webview.js).
export {};
