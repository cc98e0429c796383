import type { HtpSignal } from './htp-output';

/**
 * Headings under which PsyDraw's reports state their opinion: English, Chinese, and the older Chinese
 * wording ("diagnostic opinion") of earlier versions.
 */
export const OPINION_HEADINGS = ['Assessment Opinion', '评估意见', '诊断意见'] as const;

/** Words of the screening opinion, lower-cased, in English and Chinese (预警 = warning, 观察 = observation). */
export const OPINION_WORDS: Readonly<Record<string, { signal: HtpSignal; language: 'en' | 'zh' }>> = {
  warning: { signal: 'Warning', language: 'en' },
  observation: { signal: 'Observation', language: 'en' },
  预警: { signal: 'Warning', language: 'zh' },
  观察: { signal: 'Observation', language: 'zh' },
};

/** How an opinion was found: the whole text is the word, under an opinion heading, or by a user's pattern. */
export type OpinionForm = 'bare' | 'heading' | 'pattern';

/** A parsed opinion, or why none was found. */
export type ParsedOpinion =
  | { signal: HtpSignal; language: 'en' | 'zh'; form: OpinionForm; heading: string | null }
  | { signal: null; reason: string };

// Markdown decoration around a word or heading: emphasis, quotes, list bullets, colons (ASCII and full-width).
const DECORATION = /^[\s#>*_`~:：\-•]+|[\s*_`~:：.。!！,，;；]+$/g;

function strip(text: string): string {
  return text.replace(DECORATION, '');
}

/** The opinion word a piece of text starts with ("Warning", "预警（需要关注）", "**Observation**."), or null. */
export function opinionWord(text: string): { signal: HtpSignal; language: 'en' | 'zh' } | null {
  const t = strip(text);
  const m = /^(warning|observation|预警|观察)(?![a-z])/i.exec(t);
  return m ? OPINION_WORDS[m[1].toLowerCase()] : null;
}

/** The heading a line opens with (one of OPINION_HEADINGS, any case, with or without #, ** and a colon), and the rest of the line. */
function headingOf(line: string): { heading: string; rest: string } | null {
  const t = line.replace(/^[\s#>*_]+/, '');
  for (const h of OPINION_HEADINGS) {
    if (t.slice(0, h.length).toLowerCase() === h.toLowerCase()) return { heading: h, rest: t.slice(h.length) };
  }
  return null;
}

/** The first Markdown heading of a text (a line starting with #), else its first non-empty line, shortened for messages. */
export function firstHeading(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const line = lines.find((l) => l.startsWith('#')) ?? lines[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * Finds the screening opinion in a report's signal text. Accepted, in this order:
 * - a user pattern (`pattern`): its first capture group (or the whole match) must start with an
 *   opinion word; no other form is tried;
 * - the bare word: the whole text is Warning / Observation / 预警 / 观察;
 * - Markdown, as PsyDraw writes it: a line opening with an opinion heading (`### Assessment Opinion:`,
 *   `### 评估意见:`, `### 诊断意见:`) and the word after it on the same line or the next non-empty one.
 * The first opinion heading decides; a heading followed by anything else is no opinion.
 */
export function parseOpinion(text: string, pattern?: RegExp): ParsedOpinion {
  if (pattern) {
    const m = pattern.exec(text);
    if (!m) return { signal: null, reason: `the opinion pattern ${String(pattern)} does not match; first heading seen: ${JSON.stringify(firstHeading(text))}` };
    const captured = m[1] ?? m[0];
    const word = opinionWord(captured);
    return word ? { ...word, form: 'pattern', heading: null } : { signal: null, reason: `the opinion pattern matched ${JSON.stringify(captured)}, which is not Warning, Observation, 预警 or 观察` };
  }
  const whole = strip(text);
  const bare = OPINION_WORDS[whole.toLowerCase()];
  if (bare) return { ...bare, form: 'bare', heading: null };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const h = headingOf(lines[i]);
    if (!h) continue;
    let candidate = strip(h.rest);
    for (let j = i + 1; candidate === '' && j < lines.length; j++) candidate = strip(lines[j]);
    const word = opinionWord(candidate);
    if (word) return { ...word, form: 'heading', heading: h.heading };
    return { signal: null, reason: `heading ${JSON.stringify(lines[i].trim())} is followed by ${JSON.stringify(candidate.slice(0, 60))}, not Warning, Observation, 预警 or 观察` };
  }
  return {
    signal: null,
    reason: `no opinion heading (${OPINION_HEADINGS.map((h) => JSON.stringify(h)).join(', ')}) and not a bare Warning/Observation; first heading seen: ${JSON.stringify(firstHeading(text))}`,
  };
}
