import { afterEach, describe, expect, it, vi } from 'vitest';

import { changeEvent, FakeEventSource } from '../test/fakeEventSource';
import { LiveConnection, parseChange, type LiveStatus } from './liveEvents';
import type { ChangeEvent } from './types';

function connect(checkSession: () => Promise<boolean> = async () => true) {
  FakeEventSource.instances = [];
  const onSessionEnded = vi.fn();
  const conn = new LiveConnection({
    onSessionEnded,
    checkSession,
    eventSource: FakeEventSource as unknown as typeof EventSource,
    retryMs: 1000,
  });
  const statuses: LiveStatus[] = [];
  conn.onStatus((s) => statuses.push(s));
  const events: ChangeEvent[] = [];
  conn.subscribe((e) => events.push(e));
  return { conn, onSessionEnded, statuses, events };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveConnection', () => {
  it('is unsupported, and does nothing, without EventSource', () => {
    vi.stubGlobal('EventSource', undefined);
    const conn = new LiveConnection({ onSessionEnded: vi.fn(), checkSession: async () => true });
    expect(conn.status).toBe('unsupported');
    conn.start();
    conn.stop();
    expect(conn.status).toBe('unsupported');
  });

  it('opens /api/v1/events and hands change events to subscribers', () => {
    const { conn, statuses, events } = connect();
    conn.start();
    const source = FakeEventSource.latest();
    expect(source.url).toBe('/api/v1/events');
    expect(conn.status).toBe('connecting');

    source.open();
    source.ready('41');
    const first = changeEvent({ id: '42' });
    source.change(first);
    source.change(changeEvent({ id: '43', entity_type: 'user', product_id: null }));

    expect(statuses).toEqual(['connecting', 'open']);
    expect(events.map((e) => e.id)).toEqual(['42', '43']);
    expect(events[0]).toEqual(first);
  });

  it('skips an event seen already and data that is not a change', () => {
    const { conn, events } = connect();
    conn.start();
    const source = FakeEventSource.latest();
    source.open();
    source.change(changeEvent({ id: '50' }));
    source.change(changeEvent({ id: '50' }));
    source.change(changeEvent({ id: '49' }));
    source.send('change', 'not json', '51');
    expect(events.map((e) => e.id)).toEqual(['50']);
    expect(parseChange('{"id":"1"}')).toBeNull();
    expect(parseChange('{"id":"1","entity_type":"user"}')).toMatchObject({ product_id: null });
  });

  it('stops listening after unsubscribe', () => {
    const { conn } = connect();
    const seen = vi.fn();
    const off = conn.subscribe(seen);
    conn.start();
    FakeEventSource.latest().change(changeEvent());
    off();
    FakeEventSource.latest().change(changeEvent());
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('shows reconnecting while the browser reconnects by itself, then open again', () => {
    const { conn, statuses } = connect();
    conn.start();
    const source = FakeEventSource.latest();
    source.open();
    source.drop();
    expect(conn.status).toBe('reconnecting');
    source.open();
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it("closes for good and reports the end of the session on the server's error event", () => {
    const { conn, onSessionEnded, events } = connect();
    conn.start();
    const source = FakeEventSource.latest();
    source.open();
    source.send('error', { error: { code: 'unauthenticated', message: 'the session has ended' } });
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(source.closed).toBe(true);
    expect(conn.status).toBe('closed');
    source.change(changeEvent());
    expect(events).toEqual([]);
  });

  it('after a refused stream, checks the session and opens again after a pause, resuming', async () => {
    vi.useFakeTimers();
    const checkSession = vi.fn(async () => true);
    const { conn } = connect(checkSession);
    conn.start();
    const first = FakeEventSource.latest();
    first.open();
    first.ready('10');
    first.change(changeEvent({ id: '12' }));
    first.refuse();
    expect(conn.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(0);
    expect(checkSession).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.instances).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe('/api/v1/events?after=12');
    FakeEventSource.latest().open();
    expect(conn.status).toBe('open');
  });

  it('after a refused stream, stops when the session is gone', async () => {
    const { conn } = connect(async () => false);
    conn.start();
    FakeEventSource.latest().refuse();
    await vi.waitFor(() => expect(conn.status).toBe('closed'));
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('stop() closes the stream', () => {
    const { conn } = connect();
    conn.start();
    const source = FakeEventSource.latest();
    conn.stop();
    expect(source.closed).toBe(true);
    expect(conn.status).toBe('closed');
  });
});
