// The live event stream (GET /api/v1/events, server-sent events) as one shared connection.
//
// The browser's EventSource sends the session cookie and, when a dropped connection comes
// back, Last-Event-ID, so the server resumes where the stream stopped. What it does not do
// is retry after an answer that is not a stream (401, 503, a proxy's error page): then this
// module asks `checkSession` (which signs the user out on a 401) and, if the session is still
// good, opens a new stream itself after a growing pause, resuming with ?after=<last id>.
// A server-sent `error` event means the session has ended (log-out elsewhere, revocation,
// expiry): the stream is closed for good and `onSessionEnded` is called.
import { API_BASE } from './client';
import type { ChangeEvent } from './types';

/**
 * `connecting`: the first connection is being made; `open`: events flow; `reconnecting`: the
 * connection dropped and is being made again; `closed`: stopped (signed out, or stop());
 * `unsupported`: this environment has no EventSource, so nothing is live.
 */
export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'unsupported';

export type ChangeListener = (event: ChangeEvent) => void;
export type StatusListener = (status: LiveStatus) => void;

export interface LiveConnectionOptions {
  /** Called once when the server says the session has ended. */
  onSessionEnded: () => void;
  /**
   * Called when the server refused the stream; should sign the user out on a 401 and resolve
   * true while the session is still good (the stream is then opened again).
   */
  checkSession: () => Promise<boolean>;
  /** The EventSource constructor (tests pass a fake); defaults to the global one. */
  eventSource?: typeof EventSource;
  url?: string;
  /** First pause before opening a refused stream again; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** Parses a `change` message's data; null when it is not a change event. */
export function parseChange(data: unknown): ChangeEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const v = JSON.parse(data) as Partial<ChangeEvent> | null;
    if (!v || typeof v.id !== 'string' || typeof v.entity_type !== 'string') return null;
    return { ...v, product_id: v.product_id ?? null } as ChangeEvent;
  } catch {
    return null;
  }
}

function seqOf(id: string): number | null {
  const n = Number(id);
  return id !== '' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export class LiveConnection {
  private readonly options: LiveConnectionOptions;
  private readonly Impl: typeof EventSource | undefined;
  private source: EventSource | null = null;
  private statusValue: LiveStatus;
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private lastSeq: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private started = false;
  private everOpened = false;

  constructor(options: LiveConnectionOptions) {
    this.options = options;
    this.Impl =
      options.eventSource ?? (typeof EventSource === 'function' ? EventSource : undefined);
    this.statusValue = this.Impl ? 'closed' : 'unsupported';
    this.retryDelay = options.retryMs ?? 2000;
  }

  get status(): LiveStatus {
    return this.statusValue;
  }

  /** Opens the stream (no-op when unsupported or already started). */
  start(): void {
    if (!this.Impl || this.started) return;
    this.started = true;
    this.setStatus('connecting');
    this.open();
  }

  /** Closes the stream for good; listeners stay registered but hear nothing more. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.closeSource();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.setStatus('closed');
  }

  /** Calls `listener` for every change event; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    for (const l of [...this.statusListeners]) l(status);
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
  }

  private open(): void {
    const base = this.options.url ?? `${API_BASE}/events`;
    const url = this.lastSeq === null ? base : `${base}?after=${this.lastSeq}`;
    const source = new this.Impl!(url);
    this.source = source;

    source.addEventListener('open', () => {
      if (this.source !== source) return;
      this.everOpened = true;
      this.retryDelay = this.options.retryMs ?? 2000;
      this.setStatus('open');
    });
    source.addEventListener('ready', (e) => {
      if (this.source !== source) return;
      const seq = seqOf((e as MessageEvent).lastEventId ?? '');
      if (seq !== null && this.lastSeq === null) this.lastSeq = seq;
      this.setStatus('open');
    });
    source.addEventListener('change', (e) => {
      if (this.source !== source) return;
      const event = parseChange((e as MessageEvent).data);
      if (!event) return;
      const seq = seqOf((e as MessageEvent).lastEventId || event.id);
      // A resumed stream never repeats an event, but be safe against one seen already.
      if (seq !== null) {
        if (this.lastSeq !== null && seq <= this.lastSeq) return;
        this.lastSeq = seq;
      }
      this.setStatus('open');
      for (const l of [...this.changeListeners]) l(event);
    });
    source.addEventListener('error', (e) => {
      if (this.source !== source) return;
      if (typeof (e as MessageEvent).data === 'string') {
        // The server's `event: error`: the session has ended. Do not let the browser retry.
        this.stop();
        this.options.onSessionEnded();
        return;
      }
      if (source.readyState !== 2 /* CLOSED */) {
        // Dropped; the browser reconnects by itself (retry: 2000) with Last-Event-ID.
        this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
        return;
      }
      // Refused (not a 200 event stream): the browser gives up. Is the session still good?
      this.closeSource();
      this.setStatus('reconnecting');
      void this.retryAfterRefusal();
    });
  }

  private async retryAfterRefusal(): Promise<void> {
    let stillSignedIn = false;
    try {
      stillSignedIn = await this.options.checkSession();
    } catch {
      stillSignedIn = true; // the server is unreachable for now: keep trying
    }
    if (!this.started) return;
    if (!stillSignedIn) {
      this.stop();
      return;
    }
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryMs ?? 30_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.started) this.open();
    }, delay);
  }
}
