// The Segmind API key: SecretStorage first, else the SEGMIND_API_KEY environment variable (as
// Segmind's SDK reads it). The key goes nowhere else; the log redactor learns it on every read.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import type { Redactor } from '../logging/redact';

const SECRET_KEY = 'segmind.apiKey';
export const CREATE_KEY_URL = 'https://cloud.segmind.com/console/api-keys';

export interface ApiKey {
  readonly value: string;
  readonly source: 'secret-storage' | 'environment';
}

export class ApiKeyService extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly redactor: Redactor, private readonly env = process.env) {
    super();
    this.redactor.add(env.SEGMIND_API_KEY);
    this._register(secrets.onDidChange((e) => e.key === SECRET_KEY && this.changed.fire()));
  }

  async get(): Promise<ApiKey | undefined> {
    const stored = (await this.secrets.get(SECRET_KEY))?.trim();
    if (stored) {
      this.redactor.add(stored);
      return { value: stored, source: 'secret-storage' };
    }
    const fromEnv = this.env.SEGMIND_API_KEY?.trim();
    return fromEnv ? { value: fromEnv, source: 'environment' } : undefined;
  }

  async set(key: string): Promise<void> {
    this.redactor.add(key.trim());
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }
}
