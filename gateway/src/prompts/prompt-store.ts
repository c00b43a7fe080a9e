/**
 * Managed prompts in the store (SQLite or PostgreSQL): prompts, versions numbered major.minor, the environments
 * each version is deployed to, and soft deletes. A new prompt is version 1.0 in production, and a
 * prompt always has a production version: production is moved, never removed. Callers get
 * Helicone's shapes; `undefined` means "not found" and the caller says so.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { SqlClient } from '../store/sql-client.js';
import { raw } from '../query/filter/sql.js';
import type { Prompt2025, Prompt2025Input, Prompt2025Version, PromptBody, PromptVersionCounts } from '../contract/prompts.js';

export const productionEnvironment = 'production';

interface PromptRow {
  id: string;
  name: string;
  tags: string;
  created_at: number;
}

interface VersionRow {
  id: string;
  prompt_id: string;
  major_version: number;
  minor_version: number;
  model: string;
  commit_message: string;
  created_at: number;
  environments: string | null;
}

/** A refused change (deleting or undeploying production), with the reason for a 400. */
export class PromptStoreConflict extends Error {}

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 6-character alphanumeric id, as Helicone's prompt ids (the form partials name). */
function newPromptId(): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += idAlphabet[randomInt(idAlphabet.length)];
  return id;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function toPrompt(row: PromptRow): Prompt2025 {
  return { id: row.id, name: row.name, tags: JSON.parse(row.tags) as string[], created_at: iso(row.created_at) };
}

function toVersion(row: VersionRow, environment?: string): Prompt2025Version {
  const environments = row.environments ? (JSON.parse(row.environments) as string[]).sort() : [];
  const shown = environment ?? (environments.includes(productionEnvironment) ? productionEnvironment : environments[0]);
  return {
    id: row.id,
    model: row.model,
    prompt_id: row.prompt_id,
    major_version: row.major_version,
    minor_version: row.minor_version,
    commit_message: row.commit_message,
    ...(shown ? { environment: shown } : {}),
    environments,
    created_at: iso(row.created_at),
  };
}

const versionColumns = (db: SqlClient) => `v.id, v.prompt_id, v.major_version, v.minor_version, v.model, v.commit_message, v.created_at,
  (SELECT ${db.dialect.jsonArray(raw('e.environment')).sql} FROM prompt_environments e WHERE e.version_id = v.id) AS environments`;
const liveVersion = 'v.deleted_at IS NULL AND v.prompt_id IN (SELECT id FROM prompts WHERE deleted_at IS NULL)';

export class PromptStore {
  constructor(private readonly db: SqlClient) {}

  // --- prompts ---

  create(input: { name: string; tags: string[]; promptBody: PromptBody }, now = Date.now()): Promise<{ id: string; versionId: string }> {
    return this.db.transaction(async (tx) => {
      let id = newPromptId();
      while (await tx.get('SELECT 1 AS found FROM prompts WHERE id = ?', [id])) id = newPromptId();
      await tx.run('INSERT INTO prompts (id, name, tags, created_at) VALUES (?, ?, ?, ?)', [id, input.name, JSON.stringify(unique(input.tags)), now]);
      const versionId = await insertVersion(tx, id, 1, 0, '', input.promptBody, now);
      await deploy(tx, id, versionId, productionEnvironment);
      return { id, versionId };
    });
  }

  async get(promptId: string): Promise<Prompt2025 | undefined> {
    const row = await this.db.get<PromptRow>('SELECT id, name, tags, created_at FROM prompts WHERE id = ? AND deleted_at IS NULL', [promptId]);
    return row && toPrompt(row);
  }

  /** Name contains `search` (any case), with any of `tagsFilter` (all prompts when empty); newest first. */
  async query(filter: { search: string; tagsFilter: string[]; page: number; pageSize: number }): Promise<Prompt2025[]> {
    const named = this.db.dialect.contains(raw('name'), filter.search);
    // Tags are a JSON list per prompt, and prompts are few: the tag test is done here.
    const rows = await this.db.all<PromptRow>(`SELECT id, name, tags, created_at FROM prompts WHERE deleted_at IS NULL AND ${named.sql} ORDER BY created_at DESC, id`, named.params);
    const wanted = new Set(filter.tagsFilter);
    return rows
      .map(toPrompt)
      .filter((prompt) => wanted.size === 0 || prompt.tags.some((tag) => wanted.has(tag)))
      .slice(filter.page * filter.pageSize, (filter.page + 1) * filter.pageSize);
  }

  async count(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM prompts WHERE deleted_at IS NULL'))!.n;
  }

  async rename(promptId: string, name: string): Promise<boolean> {
    return (await this.db.run('UPDATE prompts SET name = ? WHERE id = ? AND deleted_at IS NULL', [name, promptId])) > 0;
  }

  /** Replaces the tags; the tags now, or undefined for an unknown prompt. */
  async setTags(promptId: string, tags: string[]): Promise<string[] | undefined> {
    const kept = unique(tags);
    const changed = await this.db.run('UPDATE prompts SET tags = ? WHERE id = ? AND deleted_at IS NULL', [JSON.stringify(kept), promptId]);
    return changed > 0 ? kept : undefined;
  }

  /** Every tag in use, sorted. */
  async tags(): Promise<string[]> {
    const rows = await this.db.all<{ tags: string }>('SELECT tags FROM prompts WHERE deleted_at IS NULL');
    return [...new Set(rows.flatMap((row) => JSON.parse(row.tags) as string[]))].sort(byCodePoint);
  }

  /** Every environment some live version is deployed to, sorted. */
  async environments(): Promise<string[]> {
    const rows = await this.db.all<{ environment: string }>(
      'SELECT DISTINCT e.environment FROM prompt_environments e JOIN prompts p ON p.id = e.prompt_id WHERE p.deleted_at IS NULL ORDER BY e.environment',
    );
    return rows.map((row) => row.environment);
  }

  /** Soft-deletes the prompt and its versions. */
  deletePrompt(promptId: string, now = Date.now()): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if ((await tx.run('UPDATE prompts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [now, promptId])) === 0) return false;
      await tx.run('UPDATE prompt_versions SET deleted_at = ? WHERE prompt_id = ? AND deleted_at IS NULL', [now, promptId]);
      await tx.run('DELETE FROM prompt_environments WHERE prompt_id = ?', [promptId]);
      return true;
    });
  }

  // --- versions ---

  /**
   * A new version from `baseVersionId`: the next major (`max major + 1 . 0`), or the next minor
   * of the base's major; deployed to `environment` when given.
   */
  update(
    input: { promptId: string; baseVersionId: string; newMajorVersion: boolean; environment?: string; commitMessage: string; promptBody: PromptBody },
    now = Date.now(),
  ): Promise<string | undefined> {
    return this.db.transaction(async (tx) => {
      const base = await versionOf(tx, input.baseVersionId);
      if (!base || base.prompt_id !== input.promptId) return undefined;
      const major = input.newMajorVersion
        ? (await tx.get<{ n: number }>('SELECT MAX(major_version) AS n FROM prompt_versions WHERE prompt_id = ?', [input.promptId]))!.n + 1
        : base.major_version;
      const minor = input.newMajorVersion
        ? 0
        : (await tx.get<{ n: number }>('SELECT MAX(minor_version) AS n FROM prompt_versions WHERE prompt_id = ? AND major_version = ?', [input.promptId, major]))!.n + 1;
      const versionId = await insertVersion(tx, input.promptId, major, minor, input.commitMessage, input.promptBody, now);
      if (input.environment) await deploy(tx, input.promptId, versionId, input.environment);
      return versionId;
    });
  }

  version(versionId: string, environment?: string): Promise<Prompt2025Version | undefined> {
    return versionOf(this.db, versionId, environment);
  }

  /** A prompt's versions, newest first; of one major version when given. */
  async versions(promptId: string, majorVersion?: number): Promise<Prompt2025Version[]> {
    const ofMajor = majorVersion === undefined ? '' : ' AND v.major_version = ?';
    const rows = await this.db.all<VersionRow>(
      `SELECT ${versionColumns(this.db)} FROM prompt_versions v WHERE v.prompt_id = ? AND ${liveVersion}${ofMajor} ORDER BY v.major_version DESC, v.minor_version DESC`,
      majorVersion === undefined ? [promptId] : [promptId, majorVersion],
    );
    return rows.map((row) => toVersion(row));
  }

  /** The version deployed to `environment`. */
  async environmentVersion(promptId: string, environment: string): Promise<Prompt2025Version | undefined> {
    const row = await this.db.get<VersionRow>(
      `SELECT ${versionColumns(this.db)} FROM prompt_environments e JOIN prompt_versions v ON v.id = e.version_id WHERE e.prompt_id = ? AND e.environment = ? AND ${liveVersion}`,
      [promptId, environment],
    );
    return row && toVersion(row, environment);
  }

  async versionCounts(promptId: string): Promise<PromptVersionCounts> {
    return (await this.db.get<PromptVersionCounts>(
      `SELECT COUNT(*) AS "totalVersions", COUNT(DISTINCT v.major_version) AS "majorVersions" FROM prompt_versions v WHERE v.prompt_id = ? AND ${liveVersion}`,
      [promptId],
    ))!;
  }

  /** The saved body of a live version. */
  async body(versionId: string): Promise<Record<string, unknown> | undefined> {
    const row = await this.db.get<{ prompt_body: string }>(`SELECT prompt_body FROM prompt_versions v WHERE v.id = ? AND ${liveVersion}`, [versionId]);
    return row === undefined ? undefined : (JSON.parse(row.prompt_body) as Record<string, unknown>);
  }

  /** Deploys a version of the prompt to an environment, moving it off the version that had it. */
  async setEnvironment(promptId: string, versionId: string, environment: string): Promise<boolean> {
    const version = await this.version(versionId);
    if (!version || version.prompt_id !== promptId) return false;
    await deploy(this.db, promptId, versionId, environment);
    return true;
  }

  /** Takes an environment off a version; production cannot be removed, only moved. */
  async removeEnvironment(promptId: string, versionId: string, environment: string): Promise<boolean> {
    if (environment === productionEnvironment) {
      throw new PromptStoreConflict('production cannot be removed from a version, only moved: deploy another version to production instead');
    }
    const version = await this.version(versionId);
    if (!version || version.prompt_id !== promptId) return false;
    await this.db.run('DELETE FROM prompt_environments WHERE prompt_id = ? AND environment = ? AND version_id = ?', [promptId, environment, versionId]);
    return true;
  }

  /** Soft-deletes one version and frees its environments; the production version cannot be deleted. */
  deleteVersion(promptId: string, versionId: string, now = Date.now()): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const version = await versionOf(tx, versionId);
      if (!version || version.prompt_id !== promptId) return false;
      if (version.environments.includes(productionEnvironment)) {
        throw new PromptStoreConflict(`Version ${versionId} is the production version of prompt ${promptId}: deploy another version to production first, or delete the prompt`);
      }
      await tx.run('UPDATE prompt_versions SET deleted_at = ? WHERE id = ?', [now, versionId]);
      await tx.run('DELETE FROM prompt_environments WHERE version_id = ?', [versionId]);
      return true;
    });
  }

  // --- inputs recorded with requests ---

  async inputs(requestId: string, promptId: string, versionId: string): Promise<Prompt2025Input | undefined> {
    const row = await this.db.get<{ request_id: string; version_id: string; inputs: string }>(
      // The id as given, or lowercased (as the query API writes request ids).
      'SELECT i.request_id, i.version_id, i.inputs FROM prompt_inputs i JOIN requests r USING (request_id) WHERE i.request_id IN (?, ?) AND i.version_id = ? AND r.prompt_id = ?',
      [requestId, requestId.toLowerCase(), versionId, promptId],
    );
    return row && { request_id: row.request_id, version_id: row.version_id, inputs: JSON.parse(row.inputs) as Record<string, unknown> };
  }
}

async function versionOf(db: SqlClient, versionId: string, environment?: string): Promise<Prompt2025Version | undefined> {
  const row = await db.get<VersionRow>(`SELECT ${versionColumns(db)} FROM prompt_versions v WHERE v.id = ? AND ${liveVersion}`, [versionId]);
  return row && toVersion(row, environment);
}

async function insertVersion(db: SqlClient, promptId: string, major: number, minor: number, commitMessage: string, body: PromptBody, now: number): Promise<string> {
  const id = randomUUID();
  await db.run(
    'INSERT INTO prompt_versions (id, prompt_id, major_version, minor_version, model, commit_message, prompt_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [id, promptId, major, minor, body.model, commitMessage, JSON.stringify(body), now],
  );
  return id;
}

function deploy(db: SqlClient, promptId: string, versionId: string, environment: string): Promise<number> {
  return db.run(
    'INSERT INTO prompt_environments (prompt_id, environment, version_id) VALUES (?, ?, ?) ON CONFLICT (prompt_id, environment) DO UPDATE SET version_id = excluded.version_id',
    [promptId, environment, versionId],
  );
}

const unique = (values: string[]): string[] => [...new Set(values)];
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
