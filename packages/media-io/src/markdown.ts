/**
 * One cell of a GitHub-flavoured Markdown table from a user's string (a model name, a group, a
 * rater). Markdown passes raw HTML through, so `<img src=x onerror=...>` in a name would run
 * wherever the table is rendered: &, < and > become entities (no tag can open); backslashes and pipes are
 * escaped so the cell cannot split; line breaks become spaces.
 */
export function escapeMarkdownCell(cell: string): string {
  return cell
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}
