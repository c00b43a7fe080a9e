import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromptStoreConflict } from '../../gateway/src/prompts/prompt-store.js';
import type { Store } from '../../gateway/src/store/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';

const body = (content: string) => ({ model: 'mock', messages: [{ role: 'user', content }] });
const label = (version: { major_version: number; minor_version: number }) => `${version.major_version}.${version.minor_version}`;

describe.each(storeKinds)('prompt store (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  beforeEach(async () => {
    opened = await openTestStore(kind);
    store = opened.store;
  });
  afterEach(() => opened.close());

  it('creates a prompt as version 1.0 in production, with a 6-character id', async () => {
    const { id, versionId } = await store.prompts.create({ name: 'Trip planner', tags: ['travel', 'travel', 'demo'], promptBody: body('v1') });
    expect(id).toMatch(/^[a-z0-9]{6}$/);
    expect(await store.prompts.get(id)).toMatchObject({ id, name: 'Trip planner', tags: ['travel', 'demo'] });
    expect(await store.prompts.environmentVersion(id, 'production')).toMatchObject({
      id: versionId,
      model: 'mock',
      major_version: 1,
      minor_version: 0,
      environment: 'production',
      environments: ['production'],
    });
    expect(await store.prompts.body(versionId)).toEqual(body('v1'));
  });

  it('numbers new versions: next minor of the base major, or the next major', async () => {
    const { id, versionId: v10 } = await store.prompts.create({ name: 'p', tags: [], promptBody: body('1.0') });
    const update = async (base: string, newMajorVersion: boolean, environment?: string) =>
      (await store.prompts.update({ promptId: id, baseVersionId: base, newMajorVersion, environment, commitMessage: 'change', promptBody: body('x') }))!;
    const v11 = await update(v10, false);
    const v20 = await update(v11, true, 'staging');
    const v12 = await update(v10, false);
    const v21 = await update(v20, false);
    const v30 = await update(v10, true);
    const labels = await Promise.all([v11, v20, v12, v21, v30].map(async (v) => label((await store.prompts.version(v))!)));
    expect(labels).toEqual(['1.1', '2.0', '1.2', '2.1', '3.0']);
    expect((await store.prompts.versions(id)).map(label)).toEqual(['3.0', '2.1', '2.0', '1.2', '1.1', '1.0']);
    expect((await store.prompts.versions(id, 1)).map(label)).toEqual(['1.2', '1.1', '1.0']);
    expect(await store.prompts.versionCounts(id)).toEqual({ totalVersions: 6, majorVersions: 3 });
    expect((await store.prompts.environmentVersion(id, 'staging'))!.id).toBe(v20);
    expect(await store.prompts.update({ promptId: 'other1', baseVersionId: v10, newMajorVersion: false, commitMessage: '', promptBody: body('x') })).toBeUndefined();
  });

  it('keeps one version per environment, moving it when deployed elsewhere; production is moved, never removed', async () => {
    const { id, versionId: v1 } = await store.prompts.create({ name: 'p', tags: [], promptBody: body('1') });
    const v2 = (await store.prompts.update({ promptId: id, baseVersionId: v1, newMajorVersion: false, commitMessage: '', promptBody: body('2') }))!;
    expect(await store.prompts.setEnvironment(id, v2, 'staging')).toBe(true);
    expect(await store.prompts.setEnvironment(id, v2, 'production')).toBe(true);
    expect(await store.prompts.version(v2)).toMatchObject({ environment: 'production', environments: ['production', 'staging'] });
    expect((await store.prompts.version(v1))!.environments).toEqual([]);
    expect(await store.prompts.environments()).toEqual(['production', 'staging']);
    await expect(store.prompts.removeEnvironment(id, v2, 'production')).rejects.toThrow(PromptStoreConflict);
    expect(await store.prompts.removeEnvironment(id, v2, 'staging')).toBe(true);
    expect(await store.prompts.environmentVersion(id, 'staging')).toBeUndefined();
  });

  it('soft-deletes versions (not production) and prompts; numbers are not reused', async () => {
    const { id, versionId: v1 } = await store.prompts.create({ name: 'p', tags: ['a'], promptBody: body('1') });
    const v2 = (await store.prompts.update({ promptId: id, baseVersionId: v1, newMajorVersion: false, environment: 'dev', commitMessage: '', promptBody: body('2') }))!;
    await expect(store.prompts.deleteVersion(id, v1)).rejects.toThrow(/production version/);
    expect(await store.prompts.deleteVersion(id, v2)).toBe(true);
    expect(await store.prompts.version(v2)).toBeUndefined();
    expect(await store.prompts.environmentVersion(id, 'dev')).toBeUndefined();
    const v3 = (await store.prompts.update({ promptId: id, baseVersionId: v1, newMajorVersion: false, commitMessage: '', promptBody: body('3') }))!;
    expect(label((await store.prompts.version(v3))!)).toBe('1.2');
    expect(await store.prompts.deletePrompt(id)).toBe(true);
    expect(await store.prompts.get(id)).toBeUndefined();
    expect(await store.prompts.body(v1)).toBeUndefined();
    expect(await store.prompts.count()).toBe(0);
    expect(await store.prompts.tags()).toEqual([]);
    // Still in the store, for the requests that used it.
    expect(await store.sql.get('SELECT COUNT(*) AS n FROM prompt_versions WHERE prompt_id = ?', [id])).toEqual({ n: 3 });
  });

  it('queries by name (any case) and any of the tags, newest first, a page at a time', async () => {
    const make = async (name: string, tags: string[], at: number) => (await store.prompts.create({ name, tags, promptBody: body(name) }, at)).id;
    const support = await make('Customer Support Bot', ['support', 'chatbot'], 1);
    const classifier = await make('Support Ticket Classifier', ['support', 'classification'], 2);
    await make('Weather', ['tools'], 3);
    const names = async (filter: Partial<Parameters<typeof store.prompts.query>[0]>) =>
      (await store.prompts.query({ search: '', tagsFilter: [], page: 0, pageSize: 10, ...filter })).map((prompt) => prompt.name);
    expect(await names({ search: 'SUPPORT' })).toEqual(['Support Ticket Classifier', 'Customer Support Bot']);
    expect(await names({ tagsFilter: ['chatbot', 'tools'] })).toEqual(['Weather', 'Customer Support Bot']);
    expect(await names({ pageSize: 1, page: 1 })).toEqual(['Support Ticket Classifier']);
    expect(await store.prompts.tags()).toEqual(['chatbot', 'classification', 'support', 'tools']);
    expect(await store.prompts.setTags(support, ['vip'])).toEqual(['vip']);
    expect(await store.prompts.rename(classifier, 'Classifier')).toBe(true);
    expect(await store.prompts.rename('nope00', 'x')).toBe(false);
    expect(await store.prompts.count()).toBe(3);
  });
});
