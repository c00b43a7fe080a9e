import { describe, expect, it } from 'vitest';
import { compilePrompt, PromptInputError, promptFields, promptVariables } from '../../../integrations/prompts/index.js';

describe('compilePrompt', () => {
  it('splices variables into text and replaces whole-string tags with typed values', () => {
    const template = {
      messages: [{ role: 'user', content: 'Plan {{hc:days:number}} days in {{hc:city:string}}' }],
      max_tokens: '{{hc:budget:number}}',
      stream: '{{hc:stream:boolean}}',
      response_format: { type: 'json_schema', json_schema: { schema: { enum: '{{hc:choices:array}}' } } },
      '{{hc:key:string}}': 'value',
    };
    expect(compilePrompt(template, { days: '3', city: 'Kyoto', budget: 500, stream: 'no', choices: ['a', 'b'], key: 'dynamic' })).toEqual({
      messages: [{ role: 'user', content: 'Plan 3 days in Kyoto' }],
      max_tokens: 500,
      stream: false,
      response_format: { type: 'json_schema', json_schema: { schema: { enum: ['a', 'b'] } } },
      dynamic: 'value',
    });
  });

  it('refuses a wrong type or a missing input, naming the variable', () => {
    expect(() => compilePrompt('{{hc:n:number}}', { n: 'abc' })).toThrow(new PromptInputError("Variable 'n' is 'number' but got 'abc'"));
    expect(() => compilePrompt('{{hc:b:boolean}}', { b: 'maybe' })).toThrow("Variable 'b' is 'boolean' but got 'maybe'");
    expect(() => compilePrompt('Hi {{hc:name:string}}', {})).toThrow("Variable 'name' has no input: pass inputs.name");
  });

  it('lists the variables a template uses', () => {
    expect(promptVariables({ a: 'x {{hc:one:string}} {{hc:two:number}}', '{{hc:three:boolean}}': ['{{hc:one:string}}'] })).toEqual([
      { name: 'one', type: 'string' },
      { name: 'two', type: 'number' },
      { name: 'three', type: 'boolean' },
    ]);
  });
});

describe('promptFields', () => {
  it('are Helicone’s body fields', () => {
    expect(promptFields({ id: 'abc123', environment: 'production', inputs: { city: 'Paris' } })).toEqual({ prompt_id: 'abc123', environment: 'production', inputs: { city: 'Paris' } });
    expect(promptFields({ id: 'abc123', version: 'v2' })).toEqual({ prompt_id: 'abc123', version_id: 'v2' });
  });
});
