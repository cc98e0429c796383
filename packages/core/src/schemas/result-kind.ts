import { z } from 'zod';
import { looseRecord } from './fields';

/** What declares one kind of result document: its row schema, and the config and summary readers use. */
export interface ResultKindDefinition<
  K extends string = string,
  Row extends z.ZodType = z.ZodType,
  Config extends z.ZodType = z.ZodType,
  Summary extends z.ZodType = z.ZodType,
> {
  kind: K;
  /** Bumped whenever the row shape changes; readers refuse versions they do not know. */
  version: number;
  /** The commands that write it (for docs/result-documents.md). */
  writtenBy: string;
  /** A note on what one row is, when it needs saying. */
  rowsAre?: string;
  config: Config;
  row: Row;
  summary: Summary;
}

/**
 * Declares a kind. Config and summary default to any object: extra fields in every part are
 * tolerated (other tools add fields), declared ones are type-checked.
 */
export function defineResultKind<K extends string, Row extends z.ZodType, Config extends z.ZodType = typeof looseRecord, Summary extends z.ZodType = typeof looseRecord>(definition: {
  kind: K;
  version: number;
  writtenBy: string;
  rowsAre?: string;
  config?: Config;
  row: Row;
  summary?: Summary;
}): ResultKindDefinition<K, Row, Config, Summary> {
  return {
    ...definition,
    config: definition.config ?? (looseRecord as unknown as Config),
    summary: definition.summary ?? (looseRecord as unknown as Summary),
  };
}
