import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromptStoreConflict } from '../../gateway/src/prompts/prompt-store.js';
import { SqliteStore } from '../../gateway/src/store/sqlite-store.js';

let store: SqliteStore;
beforeEach(() => {
  store = new SqliteStore(':memory:');
});
afterEach(() => store.close());

const body = (content: string) => ({ model: 'mock', messages: [{ role: 'user', content }] });
const label = (version: { major_version: number; minor_version: number }) => `${version.major_version}.${version.minor_version}`;

describe('prompt store', () => {
  it('creates a prompt as version 1.0 in production, with a 6-character id', () => {
    const { id, versionId } = store.prompts.create({ name: 'Trip planner', tags: ['travel', 'travel', 'demo'], promptBody: body('v1') });
    expect(id).toMatch(/^[a-z0-9]{6}$/);
    expect(store.prompts.get(id)).toMatchObject({ id, name: 'Trip planner', tags: ['travel', 'demo'] });
    expect(store.prompts.environmentVersion(id, 'production')).toMatchObject({ id: versionId, model: 'mock', major_version: 1, minor_version: 0, environment: 'production', environments: ['production'] });
    expect(store.prompts.body(versionId)).toEqual(body('v1'));
  });

  it('numbers new versions: next minor of the base major, or the next major', () => {
    const { id, versionId: v10 } = store.prompts.create({ name: 'p', tags: [], promptBody: body('1.0') });
    const update = (base: string, newMajorVersion: boolean, environment?: string) =>
      store.prompts.update({ promptId: id, baseVersionId: base, newMajorVersion, environment, commitMessage: 'change', promptBody: body('x') })!;
    const v11 = update(v10, false);
    const v20 = update(v11, true, 'staging');
    const v12 = update(v10, false);
    const v21 = update(v20, false);
    const v30 = update(v10, true);
    expect([v11, v20, v12, v21, v30].map((v) => label(store.prompts.version(v)!))).toEqual(['1.1', '2.0', '1.2', '2.1', '3.0']);
    expect(store.prompts.versions(id).map(label)).toEqual(['3.0', '2.1', '2.0', '1.2', '1.1', '1.0']);
    expect(store.prompts.versions(id, 1).map(label)).toEqual(['1.2', '1.1', '1.0']);
    expect(store.prompts.versionCounts(id)).toEqual({ totalVersions: 6, majorVersions: 3 });
    expect(store.prompts.environmentVersion(id, 'staging')!.id).toBe(v20);
    expect(store.prompts.update({ promptId: 'other1', baseVersionId: v10, newMajorVersion: false, commitMessage: '', promptBody: body('x') })).toBeUndefined();
  });

  it('keeps one version per environment, moving it when deployed elsewhere; production is moved, never removed', () => {
    const { id, versionId: v1 } = store.prompts.create({ name: 'p', tags: [], promptBody: body('1') });
    const v2 = store.prompts.update({ promptId: id, baseVersionId: v1, newMajorVersion: false, commitMessage: '', promptBody: body('2') })!;
    expect(store.prompts.setEnvironment(id, v2, 'staging')).toBe(true);
    expect(store.prompts.setEnvironment(id, v2, 'production')).toBe(true);
    expect(store.prompts.version(v2)).toMatchObject({ environment: 'production', environments: ['production', 'staging'] });
    expect(store.prompts.version(v1)!.environments).toEqual([]);
    expect(store.prompts.environments()).toEqual(['production', 'staging']);
    expect(() => store.prompts.removeEnvironment(id, v2, 'production')).toThrow(PromptStoreConflict);
    expect(store.prompts.removeEnvironment(id, v2, 'staging')).toBe(true);
    expect(store.prompts.environmentVersion(id, 'staging')).toBeUndefined();
  });

  it('soft-deletes versions (not production) and prompts; numbers are not reused', () => {
    const { id, versionId: v1 } = store.prompts.create({ name: 'p', tags: ['a'], promptBody: body('1') });
    const v2 = store.prompts.update({ promptId: id, baseVersionId: v1, newMajorVersion: false, environment: 'dev', commitMessage: '', promptBody: body('2') })!;
    expect(() => store.prompts.deleteVersion(id, v1)).toThrow(/production version/);
    expect(store.prompts.deleteVersion(id, v2)).toBe(true);
    expect(store.prompts.version(v2)).toBeUndefined();
    expect(store.prompts.environmentVersion(id, 'dev')).toBeUndefined();
    const v3 = store.prompts.update({ promptId: id, baseVersionId: v1, newMajorVersion: false, commitMessage: '', promptBody: body('3') })!;
    expect(label(store.prompts.version(v3)!)).toBe('1.2');
    expect(store.prompts.deletePrompt(id)).toBe(true);
    expect(store.prompts.get(id)).toBeUndefined();
    expect(store.prompts.body(v1)).toBeUndefined();
    expect(store.prompts.count()).toBe(0);
    expect(store.prompts.tags()).toEqual([]);
    // Still in the file, for the requests that used it.
    expect(store.db.prepare('SELECT COUNT(*) FROM prompt_versions WHERE prompt_id = ?').pluck().get(id)).toBe(3);
  });

  it('queries by name (any case) and any of the tags, newest first, a page at a time', () => {
    const make = (name: string, tags: string[], at: number) => store.prompts.create({ name, tags, promptBody: body(name) }, at).id;
    const support = make('Customer Support Bot', ['support', 'chatbot'], 1);
    const classifier = make('Support Ticket Classifier', ['support', 'classification'], 2);
    make('Weather', ['tools'], 3);
    const names = (filter: Partial<Parameters<typeof store.prompts.query>[0]>) =>
      store.prompts.query({ search: '', tagsFilter: [], page: 0, pageSize: 10, ...filter }).map((prompt) => prompt.name);
    expect(names({ search: 'SUPPORT' })).toEqual(['Support Ticket Classifier', 'Customer Support Bot']);
    expect(names({ tagsFilter: ['chatbot', 'tools'] })).toEqual(['Weather', 'Customer Support Bot']);
    expect(names({ pageSize: 1, page: 1 })).toEqual(['Support Ticket Classifier']);
    expect(store.prompts.tags()).toEqual(['chatbot', 'classification', 'support', 'tools']);
    expect(store.prompts.setTags(support, ['vip'])).toEqual(['vip']);
    expect(store.prompts.rename(classifier, 'Classifier')).toBe(true);
    expect(store.prompts.rename('nope00', 'x')).toBe(false);
    expect(store.prompts.count()).toBe(3);
  });
});
