import { request } from 'node:http';

/** A coordinator talking to the API as a script would (Bearer token), plus an SSE reader for the live feed. */
export class CoordinatorClient {
  token = '';

  constructor(readonly baseUrl: string) {}

  async signIn(name: string, password: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}/api/coordinator/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }),
    });
    const body = (await response.json()) as { token?: string };
    this.token = body.token ?? '';
    return response.status;
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Opens the live feed; events are collected in order. Call `close()` when done. */
  openFeed(lastEventId?: string): LiveFeed {
    return new LiveFeed(`${this.baseUrl}/api/coordinator/events`, this.token, lastEventId);
  }
}

export interface FeedEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly receivedAt: number;
}

export class LiveFeed {
  readonly events: FeedEvent[] = [];
  private readonly req;

  constructor(url: string, token: string, lastEventId?: string) {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    this.req = request(url, { headers }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
          }
          if (fields.event) this.events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? 'null'), receivedAt: performance.now() });
        }
      });
    });
    this.req.on('error', () => undefined);
    this.req.end();
  }

  async waitFor(predicate: (event: FeedEvent) => boolean, timeoutMs = 10000): Promise<FeedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`LiveFeed: no matching event; got ${this.events.map((e) => e.event).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.req.destroy();
  }
}
