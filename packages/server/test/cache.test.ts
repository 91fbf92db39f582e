import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kept } from '../src/cache.ts';

/** A load that answers when told to, counting its calls. */
function gate<V>(value: V | undefined) {
  let calls = 0;
  const waiting: (() => void)[] = [];
  return {
    load: () =>
      new Promise<V | undefined>((resolve) => {
        calls++;
        waiting.push(() => resolve(value));
      }),
    openAll: () => {
      for (const go of waiting.splice(0)) go();
    },
    calls: () => calls,
  };
}

describe('Kept, the one in-memory cache', () => {
  it('shares one load among the callers of a key asking at the same time, then answers from memory', async () => {
    const kept = new Kept<string>({ max: 10, ttlMs: 60_000 });
    const source = gate('Nguyễn Thị Ánh');
    const asked = [kept.get('a', source.load), kept.get('a', source.load), kept.get('a', source.load)];
    source.openAll();
    assert.deepEqual(await Promise.all(asked), ['Nguyễn Thị Ánh', 'Nguyễn Thị Ánh', 'Nguyễn Thị Ánh']);
    assert.equal(source.calls(), 1);
    assert.equal(kept.peek('a'), 'Nguyễn Thị Ánh');
    assert.equal(await kept.get('a', source.load), 'Nguyễn Thị Ánh');
    assert.equal(source.calls(), 1);
  });

  it('never keeps a value the source does not have', async () => {
    const kept = new Kept<string>({ max: 10, ttlMs: 60_000 });
    let calls = 0;
    const missing = async () => {
      calls++;
      return undefined;
    };
    assert.equal(await kept.get('x', missing), undefined);
    assert.equal(await kept.getAlone('x', missing), undefined);
    assert.equal(await kept.get('x', missing), undefined);
    assert.equal(calls, 3);
  });

  it('keeps nothing of a load a clear overtook; its callers get a new load', async () => {
    const kept = new Kept<string>({ max: 10, ttlMs: 60_000 });
    let stored = 'Đặng Văn Đức';
    let loads = 0;
    const waiting: (() => void)[] = [];
    // Reads the stored value when called, answers when let go.
    const read = () => {
      loads++;
      const seen = stored;
      return new Promise<string>((resolve) => waiting.push(() => resolve(seen)));
    };
    const letGo = async () => {
      while (waiting.length === 0) await new Promise((resolve) => setImmediate(resolve));
      for (const go of waiting.splice(0)) go();
    };
    const shared = kept.get('k', read);
    const alone = kept.getAlone('j', read);
    stored = 'Đặng Văn Đức (sửa)'; // a write commits, then clears the cache
    kept.clear();
    await letGo(); // the two reads begun before the write answer
    assert.equal(await alone, 'Đặng Văn Đức', '`getAlone` answers what it read');
    assert.equal(kept.peek('j'), undefined, 'but a value read before the clear is not kept');
    await letGo(); // the overtaken shared caller reads again
    assert.equal(await shared, 'Đặng Văn Đức (sửa)');
    assert.equal(loads, 3);
    assert.equal(kept.peek('k'), undefined, 'the read again is not kept either');
  });

  it('lets a value go after its time and keeps at most `max` entries', async () => {
    let now = 1_000;
    const kept = new Kept<number>({ max: 2, ttlMs: 5_000, clock: { now: () => now } });
    kept.set('a', 1);
    kept.set('b', 2);
    kept.set('c', 3);
    assert.equal(kept.peek('a'), undefined, 'the least recently used is dropped');
    assert.equal(kept.peek('c'), 3);
    now += 5_001;
    assert.equal(kept.peek('c'), undefined);
    assert.equal(await kept.get('c', async () => 4), 4);
  });

  it('spreads the time of entries kept together over the last quarter', () => {
    let now = 1_000; // lru-cache reads a start at 0 as "no start"
    const kept = new Kept<number>({ max: 100, ttlMs: 4_000, spread: true, clock: { now: () => now } });
    for (let i = 0; i < 100; i++) kept.set(String(i), i);
    now += 2_999;
    const alive = () =>
      Array.from({ length: 100 }, (_, i) => kept.peek(String(i))).filter((v) => v !== undefined);
    assert.equal(alive().length, 100, 'none before three quarters of the time');
    now += 501;
    const halfway = alive().length;
    assert.ok(
      halfway > 0 && halfway < 100,
      `some, not all, gone halfway through the last quarter (${halfway})`,
    );
    now += 501;
    assert.equal(alive().length, 0, 'none after the whole time');
  });
});
