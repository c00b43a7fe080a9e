/**
 * Alerts for the gateway: the rule store (for the API), the evaluator and the notifier. Every
 * `intervalMs` (an unref'd timer, so it never keeps the process alive) each enabled rule is
 * evaluated; `evaluateNow` does the same at once (the API's evaluate route, and tests). Runs never
 * overlap: a run asked for while one is going waits for it and then runs its own.
 */
import type { SqlClient } from '../store/sql-client.js';
import { consoleWarn, type WarnLine } from '../webhooks/throttled-log.js';
import type { AlertSettings } from './alert-settings.js';
import { type AlertEvent, AlertStore } from './alert-store.js';
import { evaluateRule } from './evaluate-rule.js';
import { AlertNotifier } from './notifier.js';

export interface AlertServiceOptions {
  /** Writes queued log records before measuring, so the window holds every answered request. */
  flush?: () => Promise<void>;
  warn?: WarnLine;
}

export class AlertService {
  readonly store: AlertStore;
  readonly notifier: AlertNotifier;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<AlertEvent[]> = Promise.resolve([]);
  private stopped = false;
  /** Runs started and not finished: the timer skips a tick rather than queue behind a slow run. */
  private pending = 0;
  private readonly warn: WarnLine;

  constructor(
    private readonly sql: SqlClient,
    readonly settings: AlertSettings,
    private readonly options: AlertServiceOptions = {},
  ) {
    this.store = new AlertStore(sql);
    this.notifier = new AlertNotifier(settings, { warn: options.warn });
    this.warn = options.warn ?? consoleWarn;
  }

  start(): void {
    if (this.settings.intervalMs === 0 || this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.pending > 0) return;
      this.evaluateNow().catch((error: unknown) => this.warn({ msg: 'alerts: evaluation failed; will try again next interval', error: (error as Error)?.message }));
    }, this.settings.intervalMs);
    this.timer.unref();
  }

  /** Evaluates every enabled rule at `now`; returns the transitions made (each already queued for notification). */
  evaluateNow(now?: number): Promise<AlertEvent[]> {
    this.pending++;
    const run = this.running.catch(() => []).then(() => this.runOnce(now)).finally(() => this.pending--);
    this.running = run;
    return run;
  }

  private async runOnce(at: number | undefined): Promise<AlertEvent[]> {
    if (this.stopped) return [];
    await this.options.flush?.();
    const now = at ?? Date.now();
    const events: AlertEvent[] = [];
    for (const rule of await this.store.list()) {
      if (!rule.enabled || this.stopped) continue;
      try {
        const result = await evaluateRule(this.sql, this.store, rule, now);
        for (const event of result.events) this.notifier.notify(rule, event, result.window);
        events.push(...result.events);
      } catch (error) {
        // One rule's failure (a filter that no longer compiles, a store hiccup) must not stop the others.
        this.warn({ msg: 'alerts: a rule could not be evaluated', alertId: rule.id, error: (error as Error)?.message });
      }
    }
    return events;
  }

  /** Stops the timer, waits for a run in progress, drops unsent notifications. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running.catch(() => undefined);
    await this.notifier.stop();
  }
}
