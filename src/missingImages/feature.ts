// What dist/features.js builds for the missing-images feature on first use, and ./register.ts calls.
import type { CommandHandler } from '../common/lazyCommands';
import type { MissingImageCommandId } from './contributions';
import type { MissingImageProviders } from './providers';

export interface MissingImagesFeature {
  readonly providers: MissingImageProviders;
  readonly commands: Readonly<Record<MissingImageCommandId, CommandHandler>>;
}
