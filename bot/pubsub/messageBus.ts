import { EventEmitter } from 'node:events';
import { Cluster, type Redis } from 'ioredis';

/** Handles one message published on a topic. */
export type MessageHandler = (payload: string) => void;

/**
 * Fan-out between bot instances: whatever one instance publishes, every subscribed instance receives.
 * Used for live updates (console events, web chat replies), never as the only copy of data that matters.
 */
export interface MessageBus {
  publish(topic: string, payload: string): Promise<void>;
  /** Subscribes; the returned function unsubscribes. */
  subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** One process only: the no-Redis development mode and unit tests. */
export class InMemoryMessageBus implements MessageBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publish(topic: string, payload: string): Promise<void> {
    this.emitter.emit(topic, payload);
  }

  async subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>> {
    this.emitter.on(topic, handler);
    return async () => {
      this.emitter.off(topic, handler);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Redis pub/sub. Subscriptions need a connection of their own (a subscribed connection can run no other
 * command), so the bus duplicates the given client once and multiplexes every topic over it.
 */
export class RedisMessageBus implements MessageBus {
  private subscriber: Redis | Cluster | undefined;
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  private closed = false;

  constructor(private readonly publisher: Redis | Cluster) {}

  async publish(topic: string, payload: string): Promise<void> {
    await this.publisher.publish(topic, payload);
  }

  async subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>> {
    const subscriber = this.ensureSubscriber();
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
      await subscriber.subscribe(topic);
    }
    set.add(handler);
    return async () => {
      const current = this.handlers.get(topic);
      if (!current) return;
      current.delete(handler);
      if (current.size === 0) {
        this.handlers.delete(topic);
        if (!this.closed) await subscriber.unsubscribe(topic).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    this.subscriber?.disconnect();
  }

  private ensureSubscriber(): Redis | Cluster {
    if (!this.subscriber) {
      // Subscriptions wait for the connection (the shared client fails fast instead, see redisConnection.ts).
      const subscriber = this.publisher instanceof Cluster
        ? this.publisher.duplicate(undefined, { enableOfflineQueue: true })
        : this.publisher.duplicate({ enableOfflineQueue: true });
      subscriber.on('message', (topic: string, payload: string) => {
        for (const handler of this.handlers.get(topic) ?? []) handler(payload);
      });
      // ioredis re-subscribes by itself after a reconnect; errors are reported by the main connection.
      subscriber.on('error', () => undefined);
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }
}
