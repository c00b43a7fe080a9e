/**
 * Helicone's prompt partials: `{{hcp:prompt_id:index}}` or `{{hcp:prompt_id:index:environment}}`
 * in any string of a template becomes the text of message `index` (0-based) of that prompt's
 * version in the environment (production when omitted). Partials are resolved before variables,
 * so a partial's own `{{hc:…}}` variables take the main prompt's inputs. A partial's text is not
 * searched for further partials.
 */

/** A partial that cannot be resolved: unknown prompt or environment, or no message at the index. */
export class PromptPartialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptPartialError';
  }
}

/** Loads the saved body of a prompt's version in an environment; undefined when there is none. */
export type PartialSource = (promptId: string, environment: string) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;

const partialPattern = /\{\{\s*hcp:([A-Za-z0-9_-]+):(\d+)(?::([^\s:{}]+))?\s*\}\}/g;

interface PartialRef {
  tag: string;
  promptId: string;
  index: number;
  environment: string;
}

function findPartials(template: unknown, found: Map<string, PartialRef>): void {
  if (typeof template === 'string') {
    for (const [tag, promptId, index, environment] of template.matchAll(partialPattern)) {
      found.set(tag, { tag, promptId: promptId!, index: Number(index), environment: environment ?? 'production' });
    }
  } else if (Array.isArray(template)) {
    for (const item of template) findPartials(item, found);
  } else if (template && typeof template === 'object') {
    for (const [key, child] of Object.entries(template)) {
      findPartials(key, found);
      findPartials(child, found);
    }
  }
}

/** A message's content as text: a string as it is, text parts joined by newlines. */
function messageText(message: unknown): string | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) return undefined;
  return content
    .map((part) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .filter((text) => text !== '')
    .join('\n');
}

/** The template with every partial replaced by the message text it names; throws PromptPartialError. */
export async function resolvePartials<T>(template: T, load: PartialSource): Promise<T> {
  const found = new Map<string, PartialRef>();
  findPartials(template, found);
  if (found.size === 0) return template;
  const bodies = new Map<string, Record<string, unknown> | undefined>();
  const texts = new Map<string, string>();
  for (const ref of found.values()) {
    const key = `${ref.promptId}\u0000${ref.environment}`;
    if (!bodies.has(key)) bodies.set(key, await load(ref.promptId, ref.environment));
    const body = bodies.get(key);
    if (!body) throw new PromptPartialError(`Prompt partial ${ref.tag}: prompt ${ref.promptId} has no ${ref.environment} version`);
    const messages = Array.isArray(body.messages) ? body.messages : [];
    const text = messageText(messages[ref.index]);
    if (text === undefined) {
      throw new PromptPartialError(`Prompt partial ${ref.tag}: prompt ${ref.promptId} (${ref.environment}) has no message at index ${ref.index}; it has ${messages.length}`);
    }
    texts.set(ref.tag, text);
  }
  const replace = (text: string): string => text.replace(partialPattern, (tag) => texts.get(tag) ?? tag);
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return replace(value);
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [replace(key), visit(child)]));
    return value;
  };
  return visit(template) as T;
}
