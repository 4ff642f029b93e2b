import Transport from 'winston-transport';

/** Keeps every log line written, so tests can check what reaches the logs. */
export class CapturingTransport extends Transport {
  readonly lines: string[] = [];
  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    this.lines.push(String(info[Symbol.for('message')] ?? JSON.stringify(info)));
    callback();
  }
}
