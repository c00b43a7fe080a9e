/**
 * Helicone's prompt variables: `{{hc:name:type}}` in any string of a template (keys and values,
 * tool and response schemas included). When a tag is the whole string, the value replaces it with
 * its type (`"{{hc:tools:array}}"` → an array); elsewhere it is spliced in as text. `number` and
 * `boolean` are checked, and strings that convert are accepted ("42", "yes"/"no", "true"/"false");
 * `string` takes text, numbers and booleans; any other type name takes any value.
 */

/** One input problem: the variable it concerns, and Helicone's message for it. */
export interface PromptInputIssue {
  variable: string;
  message: string;
}

/** Thrown when inputs are missing or of the wrong type; the message lists every problem, one a line. */
export class PromptInputError extends Error {
  readonly issues: PromptInputIssue[];

  constructor(issues: PromptInputIssue[] | string) {
    // From a message alone, the variable is read from Helicone's wording ("Variable 'x' …").
    const list = typeof issues === 'string' ? [{ variable: /^Variable '([^']+)'/.exec(issues)?.[1] ?? '', message: issues }] : issues;
    super(list.map((issue) => issue.message).join('\n'));
    this.name = 'PromptInputError';
    this.issues = list;
  }
}

const tagPattern = /\{\{\s*hc:([A-Za-z_][\w-]*):([A-Za-z_]\w*)\s*\}\}/g;
const wholeTag = /^\{\{\s*hc:([A-Za-z_][\w-]*):([A-Za-z_]\w*)\s*\}\}$/;

const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));

/** The input converted to the variable's type, or the message saying why it cannot be. */
function typed(name: string, type: string, value: unknown): { value: unknown } | { message: string } {
  const wrong = { message: `Variable '${name}' is '${type}' but got '${shown(value)}'` };
  if (type === 'number') {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    return Number.isFinite(number) ? { value: number } : wrong;
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return { value };
    const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (text === 'true' || text === 'yes') return { value: true };
    if (text === 'false' || text === 'no') return { value: false };
    return wrong;
  }
  if (type === 'string') {
    if (typeof value === 'string') return { value };
    if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
    return wrong;
  }
  return { value };
}

/** Replaces every variable in `template` (any JSON value) with `inputs`; throws PromptInputError listing each bad one. */
export function compilePrompt<T>(template: T, inputs: Record<string, unknown>): T {
  const issues = new Map<string, PromptInputIssue>();
  const resolve = (name: string, type: string, tag: string): unknown => {
    if (!Object.hasOwn(inputs, name)) {
      const message = `Variable '${name}' has no input: pass inputs.${name}`;
      issues.set(message, { variable: name, message });
      return tag;
    }
    const result = typed(name, type, inputs[name]);
    if ('value' in result) return result.value;
    issues.set(result.message, { variable: name, message: result.message });
    return tag;
  };
  const compileString = (text: string): unknown => {
    const whole = wholeTag.exec(text);
    if (whole) return resolve(whole[1]!, whole[2]!, text);
    return text.replace(tagPattern, (tag, name: string, type: string) => {
      const value = resolve(name, type, tag);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
  };
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return compileString(value);
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [String(compileString(key)), visit(child)]));
    }
    return value;
  };
  const compiled = visit(template) as T;
  if (issues.size > 0) throw new PromptInputError([...issues.values()]);
  return compiled;
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
