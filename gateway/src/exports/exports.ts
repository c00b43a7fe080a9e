/**
 * The gateway's exports, built once at start: PostHog (per request, when it carries
 * Helicone-Posthog-Key) and OTLP spans (every written request, when SWITCHYARD_OTLP_ENDPOINT is
 * set). As a WrittenListener it is told about each written log batch (for OTLP) and stops with
 * the log queue, after its last write.
 */
import type { GatewayConfig } from '../config.js';
import type { LogRecord } from '../log/log-record.js';
import type { WrittenListener } from '../log/notify-after-write.js';
import { OtlpExporter } from './otlp-exporter.js';
import { PosthogExporter } from './posthog-exporter.js';

export class Exports implements WrittenListener {
  constructor(
    readonly posthog: PosthogExporter,
    readonly otlp: OtlpExporter | null,
  ) {}

  notify(records: readonly LogRecord[]): void {
    this.otlp?.notify(records);
  }

  async stop(): Promise<void> {
    await Promise.all([this.posthog.stop(), this.otlp?.stop()]);
  }
}

/** `publicUrl`: the gateway's address, for PostHog events' links back to their request. */
export function createExports(config: GatewayConfig, publicUrl: string): Exports {
  const posthog = new PosthogExporter({ allowPrivate: config.posthogAllowPrivate, publicUrl });
  const otlp = config.otlpEndpoint ? new OtlpExporter({ endpoint: config.otlpEndpoint, headers: config.otlpHeaders }) : null;
  return new Exports(posthog, otlp);
}
