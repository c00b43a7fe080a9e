/**
 * Helicone's prompt variables, compiled locally: `{{hc:name:type}}` in any string (keys and values,
 * tool and response schemas included). When a tag is the whole string, the value replaces it with
 * its type (`"{{hc:tools:array}}"` → an array); elsewhere it is spliced in as text. Only `number`
 * and `boolean` are checked: strings that convert are accepted ("42", "yes"/"no", "true"/"false").
 */
export class PromptInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptInputError';
  }
}

const tagPattern = /\{\{\s*hc:([A-Za-z_][\w-]*):([A-Za-z_]\w*)\s*\}\}/g;
const wholeTag = /^\{\{\s*hc:([A-Za-z_][\w-]*):([A-Za-z_]\w*)\s*\}\}$/;

function typed(name: string, type: string, value: unknown): unknown {
  if (type === 'number') {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (!Number.isFinite(number)) throw new PromptInputError(`Variable '${name}' is 'number' but got '${String(value)}'`);
    return number;
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    const text = String(value).toLowerCase();
    if (text === 'true' || text === 'yes') return true;
    if (text === 'false' || text === 'no') return false;
    throw new PromptInputError(`Variable '${name}' is 'boolean' but got '${String(value)}'`);
  }
  return value;
}

function lookup(inputs: Record<string, unknown>, name: string): unknown {
  if (!Object.hasOwn(inputs, name)) throw new PromptInputError(`Variable '${name}' has no input: pass inputs.${name}`);
  return inputs[name];
}

function compileString(text: string, inputs: Record<string, unknown>): unknown {
  const whole = wholeTag.exec(text);
  if (whole) return typed(whole[1]!, whole[2]!, lookup(inputs, whole[1]!));
  return text.replace(tagPattern, (_tag, name: string, type: string) => {
    const value = typed(name, type, lookup(inputs, name));
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** Replaces every variable in `template` (any JSON value) with `inputs`; throws PromptInputError naming a bad one. */
export function compilePrompt<T>(template: T, inputs: Record<string, unknown>): T {
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return compileString(value, inputs);
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [String(compileString(key, inputs)), visit(child)]));
    }
    return value;
  };
  return visit(template) as T;
}

/** The variables a template uses, with their types, in order of first use. */
export function promptVariables(template: unknown): Array<{ name: string; type: string }> {
  const found = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const [, name, type] of value.matchAll(tagPattern)) {
        if (!found.has(name!)) found.set(name!, type!);
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        visit(key);
        visit(child);
      }
    }
  };
  visit(template);
  return [...found.entries()].map(([name, type]) => ({ name, type }));
}
