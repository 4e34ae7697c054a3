// Loads the features bundle (dist/features.js) on first use and builds the features once, so
// activation pays only for the registrations.
import type * as vscode from 'vscode';
import type * as FeaturesBundle from './featuresBundle';

export class LazyFeatures implements vscode.Disposable {
  private built: FeaturesBundle.Features | undefined;
  private disposed = false;

  constructor(private readonly services: FeaturesBundle.ActivationServices) {}

  /** The features, loading and building them on the first call. './features' is dist/features.js at run time. */
  get(): FeaturesBundle.Features {
    if (this.disposed) throw new Error('Segmind Image Studio is shutting down.');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.built ??= (require('./features') as typeof FeaturesBundle).openFeatures(this.services);
    return this.built;
  }

  dispose(): void {
    this.disposed = true;
    this.built?.dispose();
  }
}
