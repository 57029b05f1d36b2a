/**
 * Each function's log, as CloudWatch would hold it: the last `maxLines` lines in memory and,
 * when a folder is given, every line appended to `<folder>/<function>.log`.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface LogStoreOptions {
  /** Lines kept in memory per function. @default 1000 */
  maxLines?: number;
  /** Folder for `<function>.log` files; none when unset. */
  logsDir?: string;
}

export class FunctionLogStore {
  private readonly lines = new Map<string, string[]>();
  private readonly files = new Map<string, WriteStream>();
  private readonly maxLines: number;

  constructor(private readonly options: LogStoreOptions = {}) {
    this.maxLines = options.maxLines ?? 1000;
    if (options.logsDir) mkdirSync(options.logsDir, { recursive: true });
  }

  append(functionName: string, newLines: string[]): void {
    if (newLines.length === 0) return;
    let kept = this.lines.get(functionName);
    if (!kept) {
      kept = [];
      this.lines.set(functionName, kept);
    }
    kept.push(...newLines);
    if (kept.length > this.maxLines) kept.splice(0, kept.length - this.maxLines);
    this.fileFor(functionName)?.write(`${newLines.join('\n')}\n`);
  }

  read(functionName: string): string[] {
    return [...(this.lines.get(functionName) ?? [])];
  }

  drop(functionName: string): void {
    this.lines.delete(functionName);
  }

  async close(): Promise<void> {
    const closing = [...this.files.values()].map(
      (stream) => new Promise<void>((done) => stream.end(done)),
    );
    this.files.clear();
    await Promise.all(closing);
  }

  private fileFor(functionName: string): WriteStream | undefined {
    if (!this.options.logsDir) return undefined;
    let stream = this.files.get(functionName);
    if (!stream) {
      stream = createWriteStream(join(this.options.logsDir, `${functionName}.log`), { flags: 'a' });
      this.files.set(functionName, stream);
    }
    return stream;
  }
}
