/** How many offending rows an error message lists before summarising the rest. */
export const MAX_LISTED = 20;

/** Formats offending rows for an error message: one per line, at most MAX_LISTED, then a count. */
export function listOffending(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).map((s) => `  ${s}`);
  if (items.length > MAX_LISTED) shown.push(`  ... and ${items.length - MAX_LISTED} more`);
  return shown.join('\n');
}
