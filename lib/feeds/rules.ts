/**
 * Follow rules, one mechanism for all: an organ, a keyword or "phrase", a diary number (a case), a
 * whole portal. A new entry is "matched" when any rule says so, or when there are no rules at all.
 *
 * Keywords use the search's Finnish analysis (lib/search/analyze: tokens, stop words, Snowball stems
 * with gradation conflation). A rule word matches an entry word that starts with it ("ratapiha":
 * ratapihan, ratapihalla, ratapihahanke) or whose stem starts with its stem (lautakunta: lautakunnan).
 * A "quoted phrase" needs its words in order, side by side.
 */
import { normalize, STOP_WORDS, stem, tokenize } from '../search/analyze';
import type { FollowRule } from './settings';

export interface RuleSubject {
  portal: string;
  organ: string | null;
  title: string;
  /** Known when the item was already in the library (read earlier); feeds do not carry it. */
  diaryNumber?: string | null;
}

export interface CompiledRule {
  rule: FollowRule;
  test(subject: RuleSubject): boolean;
}

function organKey(organ: string): string {
  return normalize(organ).replace(/\s+/g, ' ').trim();
}

/** `5767/00.01.02.00/2021` and `5767/2021` name the same case: number and year decide. */
function diaryKey(text: string): string | null {
  const m = /(\d{1,6})\s*\/\s*(?:[\d.]+\s*\/\s*)?((?:19|20)\d{2})/.exec(text);
  return m ? `${Number(m[1])}/${m[2]}` : null;
}

export function compileRule(rule: FollowRule): CompiledRule {
  const inScope = (s: RuleSubject) => rule.portal === null || rule.portal === s.portal;
  switch (rule.kind) {
    case 'portal':
      return { rule, test: (s) => s.portal === (rule.portal ?? rule.value) };
    case 'organ': {
      const key = organKey(rule.value);
      return { rule, test: (s) => inScope(s) && s.organ !== null && organKey(s.organ) === key };
    }
    case 'diary': {
      const key = diaryKey(rule.value);
      return {
        rule,
        test: (s) => inScope(s) && key !== null && (diaryKey(s.title) === key || (s.diaryNumber ? diaryKey(s.diaryNumber) === key : false)),
      };
    }
    case 'keyword': {
      const raw = rule.value.trim();
      const quoted = /^["“”„«»].*["“”„«»]$/.test(raw);
      const text = quoted ? raw.slice(1, -1) : raw;
      const words = tokenize(text).filter((w) => !STOP_WORDS.has(w));
      const stems = words.map((w) => stem(w));
      return {
        rule,
        test: (s) => {
          if (!inScope(s) || words.length === 0) return false;
          const hayWords = tokenize(`${s.organ ?? ''} ${s.title}`);
          const hayStems = hayWords.map((w) => stem(w));
          // Word i of the rule matches word j of the entry: same start (ratapiha / ratapihan /
          // ratapihahanke) or same Finnish stem (lautakunta / lautakunnan).
          const at = (i: number, j: number) => hayWords[j]!.startsWith(words[i]!) || hayStems[j]!.startsWith(stems[i]!);
          if (quoted) {
            for (let j = 0; j + words.length <= hayWords.length; j++) if (words.every((_, i) => at(i, j + i))) return true;
            return false;
          }
          return words.every((_, i) => hayWords.some((_, j) => at(i, j)));
        },
      };
    }
  }
}

/** A matcher for a rule list: every entry matches when there are no rules. */
export function ruleMatcher(rules: readonly FollowRule[]): (subject: RuleSubject) => boolean {
  if (rules.length === 0) return () => true;
  const compiled = rules.map(compileRule);
  return (subject) => compiled.some((c) => c.test(subject));
}

let counter = 0;
/** A new rule id (unique enough inside one settings object). */
export function newRuleId(now: number = Date.now()): string {
  counter = (counter + 1) % 1000;
  return `r${now.toString(36)}${counter.toString(36)}`;
}
