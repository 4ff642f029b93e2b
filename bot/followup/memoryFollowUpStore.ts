import { randomBytes } from 'node:crypto';
import type { ClaimedFollowUp, ClaimOptions, ClaimResult, FollowUpJob, FollowUpStore } from './followUpStore';

interface Slot {
  job: FollowUpJob;
  /** Due time, or lease expiry while claimed (as in the Redis store). */
  score: number;
  claim?: string;
  attempts: number;
}

/** Check-ins in this process's memory, for the no-Redis mode (one instance; lost on restart). */
export class MemoryFollowUpStore implements FollowUpStore {
  private readonly slots = new Map<string, Slot>();

  async add(job: FollowUpJob): Promise<void> {
    this.slots.set(job.id, { job, score: job.dueAt, attempts: 0 });
  }

  async remove(jobId: string): Promise<boolean> {
    return this.slots.delete(jobId);
  }

  async removeAllFor(personKey: string): Promise<number> {
    let removed = 0;
    for (const [id, slot] of this.slots) {
      if (slot.job.personKey === personKey) removed += this.slots.delete(id) ? 1 : 0;
    }
    return removed;
  }

  async pendingFor(personKey: string): Promise<FollowUpJob[]> {
    return [...this.slots.values()].filter((slot) => slot.job.personKey === personKey).map((slot) => slot.job).sort((a, b) => a.dueAt - b.dueAt);
  }

  async claimDue(options: ClaimOptions): Promise<ClaimResult> {
    const token = randomBytes(8).toString('hex');
    const due = [...this.slots.values()].filter((slot) => slot.score <= options.now).sort((a, b) => a.score - b.score).slice(0, options.limit);
    const claimed: ClaimedFollowUp[] = [];
    const abandoned: string[] = [];
    for (const slot of due) {
      slot.attempts += 1;
      if (slot.attempts > options.maxAttempts) {
        this.slots.delete(slot.job.id);
        abandoned.push(slot.job.id);
        continue;
      }
      slot.score = options.now + options.leaseMs;
      slot.claim = `${slot.attempts}:${token}`;
      claimed.push({ job: slot.job, attempt: slot.attempts, claim: slot.claim });
    }
    return { claimed, abandoned };
  }

  async ack(claimed: ClaimedFollowUp): Promise<boolean> {
    const slot = this.slots.get(claimed.job.id);
    if (!slot || slot.claim !== claimed.claim) return false;
    return this.slots.delete(claimed.job.id);
  }
}
