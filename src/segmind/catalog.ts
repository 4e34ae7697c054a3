// The core reads the model catalog from the shared folder (src/shared/catalog.ts), which the webview
// bundle imports too; this path keeps the core's modules and the benchmarks importing it as before.
export * from '../shared/catalog';
