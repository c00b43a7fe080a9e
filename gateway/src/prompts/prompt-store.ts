/**
 * Managed prompts in the SQLite store: prompts, versions numbered major.minor, the environments
 * each version is deployed to, and soft deletes. A new prompt is version 1.0 in production, and a
 * prompt always has a production version: production is moved, never removed. Callers get
 * Helicone's shapes; `undefined` means "not found" and the caller says so.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
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

const versionColumns = `v.id, v.prompt_id, v.major_version, v.minor_version, v.model, v.commit_message, v.created_at,
  (SELECT json_group_array(e.environment) FROM prompt_environments e WHERE e.version_id = v.id) AS environments`;
const liveVersion = 'v.deleted_at IS NULL AND v.prompt_id IN (SELECT id FROM prompts WHERE deleted_at IS NULL)';

export class PromptStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** A prepared statement, prepared once per SQL text. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  // --- prompts ---

  create(input: { name: string; tags: string[]; promptBody: PromptBody }, now = Date.now()): { id: string; versionId: string } {
    // IMMEDIATE: a transaction that reads first cannot wait for the log writer's lock when it
    // comes to write (SQLite answers "database is locked" at once); taking the lock first waits.
    return this.db.transaction(() => {
      let id = newPromptId();
      while (this.sql('SELECT 1 FROM prompts WHERE id = ?').get(id)) id = newPromptId();
      this.sql('INSERT INTO prompts (id, name, tags, created_at) VALUES (?, ?, ?, ?)').run(id, input.name, JSON.stringify(unique(input.tags)), now);
      const versionId = this.insertVersion(id, 1, 0, '', input.promptBody, now);
      this.deploy(id, versionId, productionEnvironment);
      return { id, versionId };
    }).immediate();
  }

  get(promptId: string): Prompt2025 | undefined {
    const row = this.sql('SELECT id, name, tags, created_at FROM prompts WHERE id = ? AND deleted_at IS NULL').get(promptId) as PromptRow | undefined;
    return row && toPrompt(row);
  }

  /** Name contains `search` (any case), with any of `tagsFilter` (all prompts when empty); newest first. */
  query(filter: { search: string; tagsFilter: string[]; page: number; pageSize: number }): Prompt2025[] {
    const rows = this.sql(
        `SELECT id, name, tags, created_at FROM prompts p
         WHERE deleted_at IS NULL AND instr(lower(name), lower(?)) > 0
           AND (json_array_length(?) = 0 OR EXISTS (SELECT 1 FROM json_each(p.tags) t WHERE t.value IN (SELECT value FROM json_each(?))))
         ORDER BY created_at DESC, id LIMIT ? OFFSET ?`,
      )
      .all(filter.search, JSON.stringify(filter.tagsFilter), JSON.stringify(filter.tagsFilter), filter.pageSize, filter.page * filter.pageSize) as PromptRow[];
    return rows.map(toPrompt);
  }

  count(): number {
    return this.sql('SELECT COUNT(*) FROM prompts WHERE deleted_at IS NULL').pluck().get() as number;
  }

  rename(promptId: string, name: string): boolean {
    return this.sql('UPDATE prompts SET name = ? WHERE id = ? AND deleted_at IS NULL').run(name, promptId).changes > 0;
  }

  /** Replaces the tags; the tags now, or undefined for an unknown prompt. */
  setTags(promptId: string, tags: string[]): string[] | undefined {
    const kept = unique(tags);
    const changed = this.sql('UPDATE prompts SET tags = ? WHERE id = ? AND deleted_at IS NULL').run(JSON.stringify(kept), promptId).changes;
    return changed > 0 ? kept : undefined;
  }

  /** Every tag in use, sorted. */
  tags(): string[] {
    return this.sql('SELECT DISTINCT t.value FROM prompts p, json_each(p.tags) t WHERE p.deleted_at IS NULL ORDER BY t.value')
      .pluck()
      .all() as string[];
  }

  /** Every environment some live version is deployed to, sorted. */
  environments(): string[] {
    return this.sql('SELECT DISTINCT e.environment FROM prompt_environments e JOIN prompts p ON p.id = e.prompt_id WHERE p.deleted_at IS NULL ORDER BY e.environment')
      .pluck()
      .all() as string[];
  }

  /** Soft-deletes the prompt and its versions. */
  deletePrompt(promptId: string, now = Date.now()): boolean {
    return this.db.transaction(() => {
      if (this.sql('UPDATE prompts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(now, promptId).changes === 0) return false;
      this.sql('UPDATE prompt_versions SET deleted_at = ? WHERE prompt_id = ? AND deleted_at IS NULL').run(now, promptId);
      this.sql('DELETE FROM prompt_environments WHERE prompt_id = ?').run(promptId);
      return true;
    }).immediate(); // see create
  }

  // --- versions ---

  /**
   * A new version from `baseVersionId`: the next major (`max major + 1 . 0`), or the next minor
   * of the base's major; deployed to `environment` when given.
   */
  update(
    input: { promptId: string; baseVersionId: string; newMajorVersion: boolean; environment?: string; commitMessage: string; promptBody: PromptBody },
    now = Date.now(),
  ): string | undefined {
    return this.db.transaction(() => {
      const base = this.version(input.baseVersionId);
      if (!base || base.prompt_id !== input.promptId) return undefined;
      const major = input.newMajorVersion
        ? (this.sql('SELECT MAX(major_version) FROM prompt_versions WHERE prompt_id = ?').pluck().get(input.promptId) as number) + 1
        : base.major_version;
      const minor = input.newMajorVersion
        ? 0
        : (this.sql('SELECT MAX(minor_version) FROM prompt_versions WHERE prompt_id = ? AND major_version = ?').pluck().get(input.promptId, major) as number) + 1;
      const versionId = this.insertVersion(input.promptId, major, minor, input.commitMessage, input.promptBody, now);
      if (input.environment) this.deploy(input.promptId, versionId, input.environment);
      return versionId;
    }).immediate(); // reads first: see create
  }

  version(versionId: string, environment?: string): Prompt2025Version | undefined {
    const row = this.sql(`SELECT ${versionColumns} FROM prompt_versions v WHERE v.id = ? AND ${liveVersion}`).get(versionId) as VersionRow | undefined;
    return row && toVersion(row, environment);
  }

  /** A prompt's versions, newest first; of one major version when given. */
  versions(promptId: string, majorVersion?: number): Prompt2025Version[] {
    const rows = this.sql(
        `SELECT ${versionColumns} FROM prompt_versions v WHERE v.prompt_id = ? AND ${liveVersion} AND (? IS NULL OR v.major_version = ?)
         ORDER BY v.major_version DESC, v.minor_version DESC`,
      )
      .all(promptId, majorVersion ?? null, majorVersion ?? null) as VersionRow[];
    return rows.map((row) => toVersion(row));
  }

  /** The version deployed to `environment`. */
  environmentVersion(promptId: string, environment: string): Prompt2025Version | undefined {
    const row = this.sql(`SELECT ${versionColumns} FROM prompt_environments e JOIN prompt_versions v ON v.id = e.version_id WHERE e.prompt_id = ? AND e.environment = ? AND ${liveVersion}`)
      .get(promptId, environment) as VersionRow | undefined;
    return row && toVersion(row, environment);
  }

  versionCounts(promptId: string): PromptVersionCounts {
    const counts = this.sql(`SELECT COUNT(*) AS totalVersions, COUNT(DISTINCT v.major_version) AS majorVersions FROM prompt_versions v WHERE v.prompt_id = ? AND ${liveVersion}`)
      .get(promptId) as PromptVersionCounts;
    return counts;
  }

  /** The saved body of a live version. */
  body(versionId: string): Record<string, unknown> | undefined {
    const text = this.sql(`SELECT prompt_body FROM prompt_versions v WHERE v.id = ? AND ${liveVersion}`).pluck().get(versionId) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
  }

  /** Deploys a version of the prompt to an environment, moving it off the version that had it. */
  setEnvironment(promptId: string, versionId: string, environment: string): boolean {
    const version = this.version(versionId);
    if (!version || version.prompt_id !== promptId) return false;
    this.deploy(promptId, versionId, environment);
    return true;
  }

  /** Takes an environment off a version; production cannot be removed, only moved. */
  removeEnvironment(promptId: string, versionId: string, environment: string): boolean {
    if (environment === productionEnvironment) {
      throw new PromptStoreConflict('production cannot be removed from a version, only moved: deploy another version to production instead');
    }
    const version = this.version(versionId);
    if (!version || version.prompt_id !== promptId) return false;
    this.sql('DELETE FROM prompt_environments WHERE prompt_id = ? AND environment = ? AND version_id = ?').run(promptId, environment, versionId);
    return true;
  }

  /** Soft-deletes one version and frees its environments; the production version cannot be deleted. */
  deleteVersion(promptId: string, versionId: string, now = Date.now()): boolean {
    return this.db.transaction(() => {
      const version = this.version(versionId);
      if (!version || version.prompt_id !== promptId) return false;
      if (version.environments.includes(productionEnvironment)) {
        throw new PromptStoreConflict(`Version ${versionId} is the production version of prompt ${promptId}: deploy another version to production first, or delete the prompt`);
      }
      this.sql('UPDATE prompt_versions SET deleted_at = ? WHERE id = ?').run(now, versionId);
      this.sql('DELETE FROM prompt_environments WHERE version_id = ?').run(versionId);
      return true;
    }).immediate(); // reads first: see create
  }

  // --- inputs recorded with requests ---

  inputs(requestId: string, promptId: string, versionId: string): Prompt2025Input | undefined {
    const row = this.sql(
      // The id as given, or lowercased (as the query API writes request ids).
      'SELECT i.request_id, i.version_id, i.inputs FROM prompt_inputs i JOIN requests r USING (request_id) WHERE i.request_id IN (?, ?) AND i.version_id = ? AND r.prompt_id = ?',
    ).get(requestId, requestId.toLowerCase(), versionId, promptId) as
      | { request_id: string; version_id: string; inputs: string }
      | undefined;
    return row && { request_id: row.request_id, version_id: row.version_id, inputs: JSON.parse(row.inputs) as Record<string, unknown> };
  }

  private insertVersion(promptId: string, major: number, minor: number, commitMessage: string, body: PromptBody, now: number): string {
    const id = randomUUID();
    this.sql('INSERT INTO prompt_versions (id, prompt_id, major_version, minor_version, model, commit_message, prompt_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, promptId, major, minor, body.model, commitMessage, JSON.stringify(body), now);
    return id;
  }

  private deploy(promptId: string, versionId: string, environment: string): void {
    this.sql('INSERT INTO prompt_environments (prompt_id, environment, version_id) VALUES (?, ?, ?) ON CONFLICT (prompt_id, environment) DO UPDATE SET version_id = excluded.version_id')
      .run(promptId, environment, versionId);
  }
}

const unique = (values: string[]): string[] => [...new Set(values)];
