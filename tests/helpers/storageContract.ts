import type { Storage } from 'botbuilder';

/** What the contract needs from a store under test. */
export interface StorageUnderTest {
  readonly storage: Storage;
  /** Milliseconds left to live for a storage key, or undefined when the store has no expiry. */
  ttlMs?(storageKey: string): Promise<number | undefined>;
  close(): Promise<void>;
}

const NAUGHTY = ['', ' ', '\u0000', 'undefined', 'null', '👩🏽‍⚕️💬🫂', 'مرحبا بك', 'עברית', 'Ω≈ç√∫˜µ≤≥÷', '<script>alert(1)</script>', "'; DROP TABLE x;--", '\u202e reversed', 'ｔｅｓｔ', '\\"quoted\\"'];

/**
 * The behaviour every peer-triage store must share with botbuilder's MemoryStorage. Registers a describe block;
 * `create` gets a unique namespace so runs never collide.
 */
export function storageContract(name: string, create: () => Promise<StorageUnderTest>): void {
  describe(`${name} honours the Storage contract`, () => {
    let store: StorageUnderTest;
    beforeEach(async () => { store = await create(); });
    afterEach(async () => { await store.close(); });

    it('when an item is written, then it reads back with an eTag, and missing keys are absent', async () => {
      await store.storage.write({ a: { count: 1, nested: { list: [1, 2] } } });
      const items = await store.storage.read(['a', 'missing']);
      expect(items.a).toMatchObject({ count: 1, nested: { list: [1, 2] } });
      expect(typeof items.a.eTag).toBe('string');
      expect('missing' in items).toBe(false);
    });

    it('when an item is deleted, then it is gone, and deleting a missing key is fine', async () => {
      await store.storage.write({ gone: { x: 1 } });
      await store.storage.delete(['gone', 'never-there']);
      expect(await store.storage.read(['gone'])).toEqual({});
    });

    it('when a write carries the current eTag, then it succeeds and the eTag changes', async () => {
      await store.storage.write({ k: { v: 1 } });
      const first = (await store.storage.read(['k'])).k;
      await store.storage.write({ k: { ...first, v: 2 } });
      const second = (await store.storage.read(['k'])).k;
      expect(second.v).toBe(2);
      expect(second.eTag).not.toBe(first.eTag);
    });

    it('when a write carries a stale eTag, then it is rejected and the newer value stays', async () => {
      await store.storage.write({ k: { v: 1 } });
      const stale = (await store.storage.read(['k'])).k;
      await store.storage.write({ k: { ...stale, v: 2 } });
      await expect(store.storage.write({ k: { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await store.storage.read(['k'])).k.v).toBe(2);
    });

    it('when a write carries eTag "*" or none, then it overwrites whatever is there', async () => {
      await store.storage.write({ k: { v: 1 } });
      await store.storage.write({ k: { v: 2, eTag: '*' } });
      expect((await store.storage.read(['k'])).k.v).toBe(2);
      await store.storage.write({ k: { v: 3 } });
      expect((await store.storage.read(['k'])).k.v).toBe(3);
    });

    it('when a write carries an eTag for a key that does not exist, then it is created (as MemoryStorage does)', async () => {
      await store.storage.write({ fresh: { v: 1, eTag: 'whatever' } });
      expect((await store.storage.read(['fresh'])).fresh.v).toBe(1);
    });

    it('when many writers race with the same eTag, then exactly one wins each round', async () => {
      await store.storage.write({ race: { v: 0 } });
      for (let round = 1; round <= 5; round += 1) {
        const seen = (await store.storage.read(['race'])).race;
        const attempts = await Promise.allSettled(
          Array.from({ length: 12 }, (_, writer) => store.storage.write({ race: { ...seen, v: round, writer } })),
        );
        expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      }
    });

    it('when documents are large or full of unusual text, then they round-trip exactly', async () => {
      const large = { blob: 'x'.repeat(1024 * 1024), naughty: NAUGHTY, keys: Object.fromEntries(NAUGHTY.map((value, i) => [`${value}${i}`, value])) };
      await store.storage.write({ big: large, [`emoji:👩🏽‍⚕️/${NAUGHTY[7]}`]: { ok: true } });
      const items = await store.storage.read(['big', `emoji:👩🏽‍⚕️/${NAUGHTY[7]}`]);
      expect(items.big.blob).toHaveLength(1024 * 1024);
      expect(items.big.naughty).toEqual(NAUGHTY);
      expect(items.big.keys).toEqual(large.keys);
      expect(items[`emoji:👩🏽‍⚕️/${NAUGHTY[7]}`].ok).toBe(true);
    });

    it('when an item is written, then its key has an expiry (where the store supports one)', async () => {
      if (!store.ttlMs) return;
      await store.storage.write({ expiring: { v: 1 } });
      const ttl = await store.ttlMs('expiring');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(3600 * 1000);
    });
  });
}
