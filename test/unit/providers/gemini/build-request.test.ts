import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../gateway/src/contract/chat.js';
import { geminiAdapter } from '../../../../gateway/src/providers/gemini/index.js';
import { makeContext } from './helpers.js';

const bodyOf = (ctx: ReturnType<typeof makeContext>) => JSON.parse(geminiAdapter.buildRequest(ctx).body);

describe('gemini buildRequest: URL and headers', () => {
  it('targets generateContent for non-streaming requests', () => {
    const req = geminiAdapter.buildRequest(makeContext({}, { model: 'gemini-2.5-flash' }));
    expect(req.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent');
  });

  it('targets streamGenerateContent with alt=sse for streaming requests', () => {
    const req = geminiAdapter.buildRequest(makeContext({}, { stream: true, model: 'gemini-2.5-pro' }));
    expect(req.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
    );
  });

  it('does not double a "models/" prefix in the model id', () => {
    const req = geminiAdapter.buildRequest(makeContext({}, { model: 'models/gemini-2.0-flash' }));
    expect(req.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent');
  });

  it('authenticates with x-goog-api-key and sends JSON', () => {
    const req = geminiAdapter.buildRequest(makeContext({}, { apiKey: 'AIza-secret' }));
    expect(req.headers).toEqual({ 'content-type': 'application/json', 'x-goog-api-key': 'AIza-secret' });
  });

  it('sends no auth header when the provider has no key', () => {
    const req = geminiAdapter.buildRequest(makeContext({}, { apiKey: undefined }));
    expect(req.headers).toEqual({ 'content-type': 'application/json' });
  });
});

describe('gemini buildRequest: messages', () => {
  it('moves system and developer messages into systemInstruction and maps roles', () => {
    const body = bodyOf(
      makeContext({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
          { role: 'user', content: 'Hello' },
          { role: 'assistant', content: 'Bonjour' },
          { role: 'user', content: 'How are you?' },
        ],
      }),
    );
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hello' }] },
      { role: 'model', parts: [{ text: 'Bonjour' }] },
      { role: 'user', parts: [{ text: 'How are you?' }] },
    ]);
  });

  it('merges consecutive messages of the same role', () => {
    const body = bodyOf(
      makeContext({
        messages: [
          { role: 'user', content: 'one' },
          { role: 'user', content: [{ type: 'text', text: 'two' }] },
        ],
      }),
    );
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'one' }, { text: 'two' }] }]);
    expect(body.systemInstruction).toBeUndefined();
  });

  it('converts data: URLs to inlineData and other URLs to fileData with a guessed MIME type', () => {
    const body = bodyOf(
      makeContext({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare these' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.webp?size=large' } },
              { type: 'image_url', image_url: { url: 'https://example.com/photo' } },
              { type: 'image_url', image_url: { url: 'gs://bucket/scan.PNG' } },
            ],
          },
        ],
      }),
    );
    expect(body.contents[0].parts).toEqual([
      { text: 'Compare these' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { fileData: { fileUri: 'https://example.com/cat.webp?size=large', mimeType: 'image/webp' } },
      { fileData: { fileUri: 'https://example.com/photo', mimeType: 'image/jpeg' } },
      { fileData: { fileUri: 'gs://bucket/scan.PNG', mimeType: 'image/png' } },
    ]);
  });

  it('converts audio and PDF file parts to inlineData', () => {
    const body = bodyOf(
      makeContext({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
              { type: 'file', file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
            ],
          },
        ],
      }),
    );
    expect(body.contents[0].parts).toEqual([
      { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
    ]);
  });

  it('round-trips tool calls and tool results, resolving function names from call ids', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: 'not json' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_b', content: '"12:00"' },
      { role: 'tool', tool_call_id: 'call_a', content: '{"temp":21,"unit":"C"}' },
      { role: 'user', content: 'Thanks' },
    ];
    const body = bodyOf(makeContext({ messages }));
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
          { functionCall: { name: 'get_time', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_time', response: { result: '12:00' } } },
          { functionResponse: { name: 'get_weather', response: { temp: 21, unit: 'C' } } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });

  it('wraps non-object and non-JSON tool results in {result}', () => {
    const body = bodyOf(
      makeContext({
        messages: [
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'list', arguments: '{}' } },
              { id: 'c2', type: 'function', function: { name: 'echo', arguments: '[1,2]' } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: '[1,2,3]' },
          { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: 'plain words' }] },
        ],
      }),
    );
    expect(body.contents[0]).toEqual({
      role: 'model',
      parts: [
        { text: 'Checking.' },
        { functionCall: { name: 'list', args: {} } },
        { functionCall: { name: 'echo', args: {} } },
      ],
    });
    expect(body.contents[1].parts).toEqual([
      { functionResponse: { name: 'list', response: { result: [1, 2, 3] } } },
      { functionResponse: { name: 'echo', response: { result: 'plain words' } } },
    ]);
  });

  it('returns thought signatures on replayed calls and adds the placeholder when missing on Gemini 3 and later', () => {
    const messages = [
      {
        role: 'assistant',
        tool_calls: [
          {
            id: 'c1',
            type: 'function',
            function: { name: 'a', arguments: '{}' },
            extra_content: { google: { thought_signature: 'c2lnbmF0dXJl' } },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: '{}' },
      {
        role: 'assistant',
        tool_calls: [
          { id: 'c2', type: 'function', function: { name: 'b', arguments: '{}' } },
          { id: 'c3', type: 'function', function: { name: 'c', arguments: '{}' } },
        ],
      },
    ] as ChatMessage[];
    const gemini3 = bodyOf(makeContext({ messages }, { model: 'gemini-3-pro-preview' }));
    expect(gemini3.contents[0].parts[0]).toEqual({
      functionCall: { name: 'a', args: {} },
      thoughtSignature: 'c2lnbmF0dXJl',
    });
    expect(gemini3.contents[2].parts).toEqual([
      { functionCall: { name: 'b', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
      { functionCall: { name: 'c', args: {} } },
    ]);

    const alias = bodyOf(makeContext({ messages }, { model: 'gemini-flash-latest' }));
    expect(alias.contents[2].parts[0].thoughtSignature).toBe('skip_thought_signature_validator');

    for (const model of ['gemini-2.5-flash', 'gemini-1.5-pro', 'gemma-3-27b-it']) {
      const older = bodyOf(makeContext({ messages }, { model }));
      expect(older.contents[2].parts).toEqual([
        { functionCall: { name: 'b', args: {} } },
        { functionCall: { name: 'c', args: {} } },
      ]);
    }
  });
});

describe('gemini buildRequest: generation config and tools', () => {
  it('maps sampling options into generationConfig and drops OpenAI-only fields', () => {
    const body = bodyOf(
      makeContext({
        temperature: 0.3,
        top_p: 0.9,
        max_tokens: 100,
        max_completion_tokens: 256,
        stop: 'END',
        n: 2,
        seed: 42,
        presence_penalty: 0.5,
        user: 'user-1',
        logit_bias: { '50256': -100 },
        stream_options: { include_usage: true },
        parallel_tool_calls: false,
      }),
    );
    expect(body.generationConfig).toEqual({
      temperature: 0.3,
      topP: 0.9,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      candidateCount: 2,
      presencePenalty: 0.5,
      seed: 42,
    });
    expect(Object.keys(body).sort()).toEqual(['contents', 'generationConfig']);
  });

  it('falls back to max_tokens and accepts stop arrays', () => {
    const body = bodyOf(makeContext({ max_tokens: 50, stop: ['a', 'b'], temperature: null }));
    expect(body.generationConfig).toEqual({ maxOutputTokens: 50, stopSequences: ['a', 'b'] });
  });

  it('omits generationConfig when nothing maps to it', () => {
    expect(bodyOf(makeContext({})).generationConfig).toBeUndefined();
  });

  it('maps response_format to JSON mode, with the schema as responseJsonSchema', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const jsonSchema = bodyOf(
      makeContext({ response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } } }),
    );
    expect(jsonSchema.generationConfig).toEqual({ responseMimeType: 'application/json', responseJsonSchema: schema });

    const jsonObject = bodyOf(makeContext({ response_format: { type: 'json_object' } }));
    expect(jsonObject.generationConfig).toEqual({ responseMimeType: 'application/json' });

    expect(bodyOf(makeContext({ response_format: { type: 'text' } })).generationConfig).toBeUndefined();
  });

  it('converts tools to functionDeclarations with parametersJsonSchema', () => {
    const parameters = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    const body = bodyOf(
      makeContext({
        tools: [
          { type: 'function', function: { name: 'get_weather', description: 'Weather by city', parameters, strict: true } },
          { type: 'function', function: { name: 'now' } },
        ],
      }),
    );
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          { name: 'get_weather', description: 'Weather by city', parametersJsonSchema: parameters },
          { name: 'now' },
        ],
      },
    ]);
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['none', { mode: 'NONE' }],
    ['required', { mode: 'ANY' }],
    [{ type: 'function', function: { name: 'get_weather' } }, { mode: 'ANY', allowedFunctionNames: ['get_weather'] }],
  ])('maps tool_choice %j to functionCallingConfig', (toolChoice, expected) => {
    const body = bodyOf(
      makeContext({
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
        tool_choice: toolChoice,
      }),
    );
    expect(body.toolConfig).toEqual({ functionCallingConfig: expected });
  });

  it('does not mutate the client request', () => {
    const ctx = makeContext({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
    });
    const before = JSON.stringify(ctx.request);
    geminiAdapter.buildRequest(ctx);
    expect(JSON.stringify(ctx.request)).toBe(before);
  });
});
