import { randomUUID } from 'node:crypto';
import { CoordinatorClient } from '../tests/helpers/coordinatorClient';
import { messageActivity, percentile, postActivity } from './loadClient';

export interface TriggerFigures {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Time from a risk message being posted to /api/messages to its case arriving on a coordinator's live feed,
 * for `count` new conversations one after another.
 */
export async function measureTriggerToVisible(botUrl: string, sinkUrl: string, secret: string, count: number): Promise<TriggerFigures> {
  const coordinator = new CoordinatorClient(botUrl);
  if ((await coordinator.signIn('Bench', secret)) !== 200) throw new Error('bench coordinator could not sign in');
  const feed = coordinator.openFeed();
  await feed.waitFor((event) => event.event === 'snapshot');
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const conversationId = `trigger-${randomUUID()}`;
    const started = performance.now();
    void postActivity(botUrl, messageActivity(sinkUrl, conversationId, 'i want to kill myself tonight'));
    const event = await feed.waitFor((candidate) => candidate.event === 'queued' && candidate.data.case?.conversationKey === `emulator:${conversationId}`, 10000);
    times.push(event.receivedAt - started);
  }
  feed.close();
  times.sort((a, b) => a - b);
  const round = (value: number): number => Math.round(value * 100) / 100;
  return { samples: times.length, p50Ms: round(percentile(times, 0.5)), p99Ms: round(percentile(times, 0.99)), maxMs: round(times.at(-1) ?? NaN) };
}
