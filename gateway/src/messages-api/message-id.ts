import { randomUUID } from 'node:crypto';

/** An Anthropic-style message id for a translated answer, keeping the provider's id when there is one. */
export function messageIdOf(providerId: unknown): string {
  if (typeof providerId === 'string' && providerId) return providerId.startsWith('msg_') ? providerId : `msg_${providerId}`;
  return `msg_${randomUUID().replaceAll('-', '')}`;
}
