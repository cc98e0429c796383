import type { KindDocument, ResultKind } from '@evalkit/core';
import type { LoadedDocument } from '../model';

/**
 * The document of a loaded file, typed by its kind's schema. readRunFolders parsed every document
 * of a declared kind with that schema (core's validateResultDocument), so the rows here are
 * already checked: a mistyped field was refused there, naming the file and `results[i].field`.
 */
export function documentOf<K extends ResultKind>(loaded: LoadedDocument, kind: K): KindDocument<K> {
  if (loaded.kind !== kind) throw new Error(`internal: ${loaded.file} is a ${loaded.kind} document, not ${kind}`);
  return loaded.document as unknown as KindDocument<K>;
}
