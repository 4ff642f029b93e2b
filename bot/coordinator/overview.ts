import type { HandoffCase } from '../handoff/handoffCase';
import type { HandoffEvent } from '../handoff/handoffStore';

export interface Overview {
  readonly openByLevel: Readonly<Record<string, number>>;
  readonly queued: number;
  readonly medianMinutesToClaimToday: number | null;
  readonly claimedToday: number;
  readonly closedTodayByOutcome: Readonly<Record<string, number>>;
}

/** Today's figures for the console header: open cases by level, median time to claim, closures by outcome. */
export function overviewFrom(open: readonly HandoffCase[], events: readonly HandoffEvent[], now: Date): Overview {
  const startOfDay = new Date(now);
  startOfDay.setUTCHours(0, 0, 0, 0);
  const today = events.filter((event) => Date.parse(event.at) >= startOfDay.getTime());
  const openByLevel: Record<string, number> = {};
  for (const item of open) openByLevel[item.level] = (openByLevel[item.level] ?? 0) + 1;
  const waits = today
    .filter((event) => event.type === 'claimed' && event.case?.claimedAt)
    .map((event) => (Date.parse(event.case!.claimedAt!) - Date.parse(event.case!.createdAt)) / 60000)
    .sort((a, b) => a - b);
  const middle = Math.floor(waits.length / 2);
  const median = waits.length === 0 ? null : waits.length % 2 ? waits[middle]! : (waits[middle - 1]! + waits[middle]!) / 2;
  const closedTodayByOutcome: Record<string, number> = {};
  for (const event of today) {
    if (event.type === 'closed' && event.case?.outcome) closedTodayByOutcome[event.case.outcome] = (closedTodayByOutcome[event.case.outcome] ?? 0) + 1;
  }
  return {
    openByLevel,
    queued: open.filter((item) => item.status === 'queued').length,
    medianMinutesToClaimToday: median === null ? null : Math.round(median * 10) / 10,
    claimedToday: waits.length,
    closedTodayByOutcome,
  };
}
