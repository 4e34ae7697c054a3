// Entry of the lazily loaded features bundle (dist/features.js): everything behind the registrations
// of src/extension.ts (the job runner, commands, generator panel, gallery, image drop, agent tool,
// zod). src/loadFeatures.ts requires it on the first use and builds the features here, once, from
// the services activation made.
import * as vscode from 'vscode';
import { GenerateImageTool } from './agentTool/tool';
import { InsertionAnchors } from './assets/insert';
import { Disposable } from './common/lifecycle';
import { showError } from './commands/errorMessage';
import { commandHandlers } from './commands/handlers';
import { panelEditorServices } from './commands/panelGeneration';
import type { CommandServices } from './commands/services';
import { openGallery } from './gallery/gallery';
import type { History } from './history/history';
import { ImageDropProvider } from './imageDrop/imageDropProvider';
import { missingImageCommandHandlers } from './missingImages/commands';
import { MissingImageProviders } from './missingImages/providers';
import { PresetLibrary } from './presets/presetLibrary';
import { WorkspacePresets } from './presets/workspacePresets';
import { openQueue, type QueueFeature } from './queue/queueFeature';
import type { MissingImagesFeature } from './missingImages/feature';
import type { SaveClaims } from './jobs/claims';
import type { AccountCredits } from './credits/accountCredits';
import { ClientCache } from './jobs/clientCache';
import { editorRunnerDeps } from './jobs/editorRunnerDeps';
import type { JobStore } from './jobs/jobStore';
import { resumeJobs } from './jobs/resume';
import { JobRunner } from './jobs/runner';
import { JobsStatusBar } from './jobs/statusBar';
import type { SegmindLog } from './logging/log';
import type { EditorTracker } from './panel/editorTracker';
import type { GeneratorServices } from './panel/generatorPanel';
import { PanelManager } from './panel/panelManager';
import type { ApiKeyService } from './secrets/apiKey';
import type { SettingsService } from './settings/service';

/** What activation built and hands over; activation keeps owning these. */
export interface ActivationServices {
  readonly log: SegmindLog;
  readonly settings: SettingsService;
  readonly apiKeys: ApiKeyService;
  readonly store: JobStore;
  readonly history: History;
  readonly claims: SaveClaims;
  readonly credits: AccountCredits;
  readonly editors: EditorTracker;
  readonly extensionUri: vscode.Uri;
  readonly globalStorageUri: vscode.Uri;
  readonly globalState: vscode.Memento;
  readonly workspaceState: vscode.Memento;
  readonly userAgent: string;
}

/** The features behind the registrations; disposing them disposes everything built here. */
export class Features extends Disposable {
  readonly runner: JobRunner;
  readonly commands: ReturnType<typeof commandHandlers>;
  readonly panels: PanelManager;
  readonly imageDrop: ImageDropProvider;
  readonly agentTool: GenerateImageTool;
  readonly missingImages: MissingImagesFeature;
  readonly presets: PresetLibrary;
  readonly queue: QueueFeature;
  private readonly services: CommandServices;
  /** What the panel and the gallery's open, reveal and insert act through. */
  private readonly panelServices: GeneratorServices;

  constructor(private readonly activation: ActivationServices) {
    super();
    const { log, settings, apiKeys, store, history, claims, credits, globalStorageUri: globalStorage } = activation;
    const logger = log.logger('jobs');
    const clients = this._register(new ClientCache(log.logger('http'), activation.userAgent));
    const insertions = this._register(new InsertionAnchors());
    this.runner = this._register(new JobRunner(editorRunnerDeps({ store, settings, apiKeys, clients, claims, history, credits, insertions, globalStorage, logger })));
    this._register(new JobsStatusBar(this.runner, credits, history));
    this.presets = this._register(new PresetLibrary(settings, this._register(new WorkspacePresets()), log.logger('presets')));
    this.services = { runner: this.runner, settings, apiKeys, log, logger, globalState: activation.globalState, credits, presets: this.presets };
    this.commands = commandHandlers(this.services);
    this.panelServices = { deps: panelEditorServices(this.services, history), extensionUri: activation.extensionUri, editors: activation.editors, presets: this.presets };
    this.panels = this._register(new PanelManager(this.panelServices));
    this.imageDrop = new ImageDropProvider(settings);
    const missingImageProviders = this._register(new MissingImageProviders(settings));
    this.missingImages = { providers: missingImageProviders, commands: missingImageCommandHandlers(this.services, () => missingImageProviders.refresh()) };
    this.queue = this._register(openQueue({ runner: this.runner, store, settings, presets: this.presets, workspaceState: activation.workspaceState, errorHandlers: this.errorHandlers() }));
    this.agentTool = new GenerateImageTool({ runner: this.runner, settings, credits, logger: log.logger('agent-tool'), redactor: log.redactor });
  }

  /** The gallery for its view (src/gallery/register.ts builds it once). */
  openGallery(): ReturnType<typeof openGallery> {
    const { history, log, settings, extensionUri, globalStorageUri } = this.activation;
    return this._register(openGallery({ history, logger: log.logger('gallery'), settings, files: this.panelServices, panels: this.panels }, { extensionUri, globalStorageUri }));
  }

  private errorHandlers(): { openLog: () => void; setApiKey: () => void } {
    return { openLog: () => this.activation.log.show(), setApiKey: () => void vscode.commands.executeCommand('segmind.setApiKey') };
  }

  /**
   * Continues or reports the jobs a reload cut short (src/jobs/resume.ts), then the prompt queue
   * follows its running items (jobs just resumed) and starts its pending ones.
   */
  async resumeJobs(): Promise<void> {
    const { apiKeys, store } = this.activation;
    const errorHandlers = this.errorHandlers();
    await resumeJobs(store, this.runner, this.services.logger, {
      showError: (e, retry) => showError(e, { ...errorHandlers, ...(retry ? { retry } : {}) }),
      hasApiKey: async () => (await apiKeys.get()) !== undefined,
      onDidChangeApiKey: apiKeys.onDidChange,
    }).finally(() => this.queue.resume());
  }
}

export function openFeatures(services: ActivationServices): Features {
  return new Features(services);
}
