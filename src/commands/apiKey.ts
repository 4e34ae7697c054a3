// `segmind.setApiKey` (password box with a link to create a key; a string argument is stored
// without asking) and `segmind.clearApiKey`. The key is never shown, logged or written elsewhere.
import * as vscode from 'vscode';
import { CREATE_KEY_URL } from '../secrets/apiKey';
import type { CommandServices } from './services';

export function apiKeyCommands(services: CommandServices) {
  const log = services.logger;
  return {
    'segmind.setApiKey': async (arg?: unknown): Promise<boolean> => {
      if (typeof arg === 'string') {
        if (!arg.trim()) throw new Error('The API key must not be empty.');
        await services.apiKeys.set(arg);
        log.info('API key stored in SecretStorage');
        return true;
      }
      const key = await askForKey();
      if (!key) return false;
      await services.apiKeys.set(key);
      log.info('API key stored in SecretStorage');
      void vscode.window.showInformationMessage(vscode.l10n.t('Segmind API key saved in VS Code\'s secret storage.'));
      return true;
    },
    'segmind.clearApiKey': async (): Promise<void> => {
      await services.apiKeys.clear();
      log.info('API key removed from SecretStorage');
      const fallback = (await services.apiKeys.get())?.source === 'environment';
      void vscode.window.showInformationMessage(
        fallback
          ? vscode.l10n.t('Segmind API key removed. The SEGMIND_API_KEY environment variable is still used.')
          : vscode.l10n.t('Segmind API key removed.'),
      );
    },
  };
}

/** A password input box whose title button opens the page where keys are created. */
function askForKey(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    const createKey: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: vscode.l10n.t('Create a key at cloud.segmind.com') };
    box.title = vscode.l10n.t('Segmind API Key');
    box.prompt = vscode.l10n.t('Paste your Segmind API key. Create one at {0}', CREATE_KEY_URL);
    box.password = true;
    box.ignoreFocusOut = true;
    box.buttons = [createKey];
    let settled = false;
    const done = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      box.dispose();
    };
    box.onDidTriggerButton(() => void vscode.env.openExternal(vscode.Uri.parse(CREATE_KEY_URL)));
    box.onDidChangeValue((v) => (box.validationMessage = v && !v.trim() ? vscode.l10n.t('The key must not be blank') : undefined));
    box.onDidAccept(() => box.value.trim() && done(box.value.trim()));
    box.onDidHide(() => done(undefined));
    box.show();
  });
}
