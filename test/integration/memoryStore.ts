// Workspace state stand-in for History in tests that need a fresh, isolated history.
import type { HistoryStore } from '../../src/history/history';

export class MemoryStore implements HistoryStore {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}
