// The one "Segmind" LogOutputChannel. Components log through `logger('jobs')`, which prefixes
// `[jobs]` and redacts secrets at the source, before anything reaches the channel. The Logger
// interface is the core's (src/segmind/calls.ts), so the HTTP client logs through the same loggers.
import * as vscode from 'vscode';
import type { Logger } from '../segmind/calls';
import { Redactor } from './redact';

export type { Logger };

export class SegmindLog implements vscode.Disposable {
  readonly redactor = new Redactor();
  private readonly channel = vscode.window.createOutputChannel('Segmind', { log: true });

  /** A logger whose lines start with `[component]`. */
  logger(component: string): Logger {
    const line = (m: string): string => this.redactor.redact(`[${component}] ${m}`);
    return {
      debug: (m) => this.channel.debug(line(m)),
      info: (m) => this.channel.info(line(m)),
      warn: (m) => this.channel.warn(line(m)),
      error: (m) => this.channel.error(line(m)),
    };
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
