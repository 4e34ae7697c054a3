// The commands this feature contributes (package.json), registered at activation before their code loads.

export const COMMAND_IDS = [
  'segmind.generateFromSelection', 'segmind.setApiKey', 'segmind.clearApiKey', 'segmind.cancel', 'segmind.showJobs', 'segmind.showLog',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
