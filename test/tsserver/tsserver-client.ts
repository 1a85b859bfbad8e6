import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';

/** The TypeScript the workspace builds with; tsserver finds our plugin in the node_modules next to it. */
const TSSERVER = createRequire(import.meta.url).resolve('typescript/lib/tsserver.js');

interface Message {
  readonly type: 'response' | 'event';
  readonly request_seq?: number;
  readonly command?: string;
  readonly event?: string;
  readonly success?: boolean;
  readonly body?: unknown;
  readonly message?: string;
}

export interface Diagnostic {
  readonly start: { line: number; offset: number };
  readonly end: { line: number; offset: number };
  readonly text: string;
  readonly code: number;
}

export interface TextChange {
  readonly start: { line: number; offset: number };
  readonly end: { line: number; offset: number };
  readonly newText: string;
}

export interface FileChanges {
  readonly fileName: string;
  readonly textChanges: TextChange[];
}

export interface CodeFix {
  readonly fixName: string;
  readonly description: string;
  readonly changes: FileChanges[];
  readonly fixId?: string;
  readonly fixAllDescription?: string;
}

/** Applies text changes (line/offset based) to a text, last first so earlier positions stay valid. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  const lineStarts = [0, ...[...text.matchAll(/\n/gu)].map((m) => (m.index ?? 0) + 1)];
  const offsetOf = (p: { line: number; offset: number }) => lineStarts[p.line - 1] + p.offset - 1;
  return [...changes]
    .sort((a, b) => offsetOf(b.start) - offsetOf(a.start))
    .reduce((result, change) => result.slice(0, offsetOf(change.start)) + change.newText + result.slice(offsetOf(change.end)), text);
}

/** A minimal tsserver client speaking the real stdio protocol (Content-Length framed JSON). */
export class TsServerClient {
  private readonly process: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private seq = 0;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly events: Message[] = [];
  private readonly eventWaiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  /** `tsserver`: the path of a tsserver.js, by default the workspace's. */
  constructor(logFile?: string, tsserver = TSSERVER) {
    const args = [tsserver, '--disableAutomaticTypingAcquisition'];
    if (logFile) args.push('--logVerbosity', 'verbose', '--logFile', logFile);
    this.process = spawn(process.execPath, args, { stdio: 'pipe' });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  request<T = unknown>(command: string, args?: unknown): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, (message) =>
        message.success ? resolve(message.body as T) : reject(new Error(`${command} failed: ${message.message}`)),
      );
      this.send({ seq, type: 'request', command, arguments: args });
    });
  }

  /** Fire-and-forget commands (open, change, geterr) answer with events or nothing at all. */
  notify(command: string, args?: unknown): void {
    this.send({ seq: ++this.seq, type: 'request', command, arguments: args });
  }

  waitForEvent(match: (message: Message) => boolean): Promise<Message> {
    const index = this.events.findIndex(match);
    if (index >= 0) return Promise.resolve(this.events.splice(index, 1)[0]);
    return new Promise((resolve) => this.eventWaiters.push({ match, resolve }));
  }

  close(): void {
    this.process.kill();
  }

  private send(message: unknown): void {
    this.process.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/u.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      const bodyStart = headerEnd + 4;
      if (this.buffer.length < bodyStart + length) return;
      const message = JSON.parse(this.buffer.subarray(bodyStart, bodyStart + length).toString()) as Message;
      this.buffer = this.buffer.subarray(bodyStart + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.type === 'response' && message.request_seq !== undefined) {
      this.pending.get(message.request_seq)?.(message);
      this.pending.delete(message.request_seq);
      return;
    }
    if (message.type !== 'event') return;
    const waiter = this.eventWaiters.findIndex((w) => w.match(message));
    if (waiter >= 0) this.eventWaiters.splice(waiter, 1)[0].resolve(message);
    else this.events.push(message);
  }
}
