// A stand-in for the browser's EventSource (jsdom has none): tests open, feed, drop and refuse
// streams by hand. installFakeEventSource() makes it the global one for the current test.
import { vi } from 'vitest';

import type { ChangeEvent } from '../api/types';

export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;

  /** Every stream made since installFakeEventSource(), oldest first. */
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readonly withCredentials = false;
  readyState = 0;
  lastEventId = '';
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    FakeEventSource.instances.push(this);
  }

  static latest(): FakeEventSource {
    const s = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!s) throw new Error('no EventSource was opened');
    return s;
  }

  close(): void {
    this.readyState = 2;
  }

  get closed(): boolean {
    return this.readyState === 2;
  }

  /** The server answered 200 text/event-stream. */
  open(): void {
    if (this.closed) return;
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }

  /** A named message; `data` other than a string is sent as JSON. */
  send(type: string, data: unknown, id?: string): void {
    if (this.closed) return;
    if (id !== undefined) this.lastEventId = id;
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    this.dispatchEvent(new MessageEvent(type, { data: text, lastEventId: this.lastEventId }));
  }

  /** `event: ready` with the stream's cursor. */
  ready(cursor = '0'): void {
    this.send('ready', { cursor }, cursor);
  }

  change(event: ChangeEvent): void {
    this.send('change', event, event.id);
  }

  /** The connection dropped; the browser will reconnect by itself. */
  drop(): void {
    if (this.closed) return;
    this.readyState = 0;
    this.dispatchEvent(new Event('error'));
  }

  /** The server answered something other than a stream (401, 503): the browser gives up. */
  refuse(): void {
    if (this.closed) return;
    this.readyState = 2;
    this.dispatchEvent(new Event('error'));
  }
}

export function installFakeEventSource(): typeof FakeEventSource {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return FakeEventSource;
}

let seq = 100;

/** A change event; `id` counts up unless given. */
export function changeEvent(fields: Partial<ChangeEvent> = {}): ChangeEvent {
  seq += 1;
  return {
    id: String(seq),
    at: '2026-01-10T12:00:00Z',
    actor: { id: 'u-bob', name: 'Bob Chen' },
    entity_type: 'product',
    entity_id: 'p-x2',
    product_id: 'p-x2',
    action: 'updated',
    changes: { name: { before: 'SkyLift X2', after: 'SkyLift X2 Pro' } },
    ...fields,
  };
}
