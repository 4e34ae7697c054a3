// What each editor command does: generate from the selection, the API key, jobs and the log.
import type { CommandHandler } from '../common/lazyCommands';
import { apiKeyCommands } from './apiKey';
import type { CommandId } from './contributions';
import { generateFromSelection } from './generateFromSelection';
import { jobCommands } from './jobs';
import type { CommandServices } from './services';

export function commandHandlers(services: CommandServices): Readonly<Record<CommandId, CommandHandler>> {
  return { 'segmind.generateFromSelection': generateFromSelection(services), ...apiKeyCommands(services), ...jobCommands(services) };
}
