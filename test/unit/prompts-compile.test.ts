import { describe, expect, it } from 'vitest';
import { compilePrompt, PromptInputError, promptVariables } from '../../gateway/src/prompts/compile-variables.js';
import { PromptPartialError, resolvePartials } from '../../gateway/src/prompts/resolve-partials.js';

describe('prompt variables {{hc:name:type}}', () => {
  it('splices text and keeps the type when the tag is the whole string, in keys and values', () => {
    const template = {
      messages: [{ role: 'user', content: 'Plan {{hc:days:number}} days in {{hc:city:string}} (premium: {{hc:premium:boolean}})' }],
      max_tokens: '{{hc:budget:number}}',
      response_format: { json_schema: { schema: { enum: '{{hc:choices:array}}', '{{hc:key:string}}': { type: 'string' } } } },
    };
    expect(compilePrompt(template, { days: '3', city: 'Kyoto', premium: 'yes', budget: 500, choices: ['a', 'b'], key: 'summary' })).toEqual({
      messages: [{ role: 'user', content: 'Plan 3 days in Kyoto (premium: true)' }],
      max_tokens: 500,
      response_format: { json_schema: { schema: { enum: ['a', 'b'], summary: { type: 'string' } } } },
    });
  });

  it('converts what the type allows: numeric strings, yes/no/true/false, numbers and booleans as strings', () => {
    expect(compilePrompt(['{{hc:n:number}}', '{{hc:b:boolean}}', '{{hc:c:boolean}}', '{{hc:s:string}}', '{{hc:t:string}}'], { n: '-2.5', b: 'NO', c: true, s: 42, t: false })).toEqual([
      -2.5,
      false,
      true,
      '42',
      'false',
    ]);
  });

  it('passes any value to a custom type', () => {
    expect(compilePrompt({ context: '{{hc:context:any}}' }, { context: { plan: 'pro', seats: [1, 2] } })).toEqual({ context: { plan: 'pro', seats: [1, 2] } });
  });

  it('names every missing or wrongly typed input, one a line', () => {
    const template = 'Hi {{hc:name:string}}, {{hc:age:number}} years, premium {{hc:premium:boolean}}, again {{hc:age:number}}, {{hc:tags:string}}';
    let caught: unknown;
    try {
      compilePrompt(template, { age: 'old', premium: 'maybe', tags: ['x'] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PromptInputError);
    const error = caught as PromptInputError;
    expect(error.issues.map((issue) => issue.variable)).toEqual(['name', 'age', 'premium', 'tags']);
    expect(error.message).toBe(
      [
        "Variable 'name' has no input: pass inputs.name",
        "Variable 'age' is 'number' but got 'old'",
        "Variable 'premium' is 'boolean' but got 'maybe'",
        `Variable 'tags' is 'string' but got '["x"]'`,
      ].join('\n'),
    );
  });

  it('lists the variables a template uses, in order of first use', () => {
    expect(promptVariables({ a: 'x {{hc:one:string}} {{hc:two:number}}', '{{hc:three:boolean}}': ['{{hc:one:string}}'] })).toEqual([
      { name: 'one', type: 'string' },
      { name: 'two', type: 'number' },
      { name: 'three', type: 'boolean' },
    ]);
  });
});

describe('prompt partials {{hcp:prompt_id:index:environment}}', () => {
  const saved: Record<string, Record<string, unknown>> = {
    'sys123/production': { messages: [{ role: 'system', content: 'You help {{hc:company:string}} customers.' }, { role: 'user', content: 'Hello' }] },
    'sys123/staging': { messages: [{ role: 'system', content: [{ type: 'text', text: 'Staging line one' }, { type: 'text', text: 'line two' }] }] },
  };
  const load = (promptId: string, environment: string) => saved[`${promptId}/${environment}`];

  it('replaces a partial with the message text of that prompt (production by default), before variables', async () => {
    const template = { messages: [{ role: 'system', content: '{{hcp:sys123:0}} Be {{hc:tone:string}}.' }, { role: 'user', content: '{{hcp:sys123:0:staging}} / {{hcp:sys123:1}}' }] };
    const resolved = await resolvePartials(template, load);
    expect(resolved.messages).toEqual([
      { role: 'system', content: 'You help {{hc:company:string}} customers. Be {{hc:tone:string}}.' },
      { role: 'user', content: 'Staging line one\nline two / Hello' },
    ]);
    expect(compilePrompt(resolved, { company: 'Acme', tone: 'brief' }).messages[0]).toEqual({ role: 'system', content: 'You help Acme customers. Be brief.' });
  });

  it('refuses an unknown prompt, environment or message index, naming the partial', async () => {
    await expect(resolvePartials('{{hcp:nope42:0}}', load)).rejects.toThrow(new PromptPartialError('Prompt partial {{hcp:nope42:0}}: prompt nope42 has no production version'));
    await expect(resolvePartials('{{hcp:sys123:0:dev}}', load)).rejects.toThrow('prompt sys123 has no dev version');
    await expect(resolvePartials('{{hcp:sys123:5}}', load)).rejects.toThrow('Prompt partial {{hcp:sys123:5}}: prompt sys123 (production) has no message at index 5; it has 2');
  });

  it('leaves a template without partials as it is', async () => {
    const template = { messages: [{ role: 'user', content: 'plain {{hc:x:string}}' }] };
    expect(await resolvePartials(template, () => undefined)).toBe(template);
  });
});
