import { catalogue, isMessageKey, placeholdersOf, t, translate, type Language, type MessageKey } from '../i18n';
import { describeSalesforceError, type AdviceTexts } from '../sync/salesforce-errors';

/**
 * Problems are stored as they were told when they happened, in English (email problems on the
 * email, Salesforce advice on the sync error and in the workflow's status), for operators and
 * history. The API shows them in the reader's language: each stored text that is the catalogue's
 * English for the problem's code is replaced by the catalogue's text in that language; a text the
 * catalogue does not know (another side's words, an older wording) is shown as stored.
 */

const fields = ['title', 'explanation', 'fix'] as const;
type Field = (typeof fields)[number];

/** Our own problems (email problems, and a few the activities and workflows name) by code; undefined for another code. */
function ownProblem(code: string, lang: Language): Partial<AdviceTexts> | undefined {
  for (const prefix of ['emailProblem', 'problem']) {
    const keys = fields.map((field) => `${prefix}.${code}.${field}`);
    if (!keys.some(isMessageKey)) continue;
    const steps = t(lang, 'emailProblem.steps');
    return Object.fromEntries(fields.flatMap((field, i) => (isMessageKey(keys[i] as string) ? [[field, translate(lang, keys[i] as MessageKey, { steps })]] : [])));
  }
  return undefined;
}

/** What a problem code means and what to do, in `lang`: our own problems, else Salesforce's advice for the code. */
export function problemTexts(code: string, lang: Language): Partial<AdviceTexts> {
  return ownProblem(code, lang) ?? describeSalesforceError(code, lang);
}

/** Problem texts without placeholders by their English, for texts stored under another code (a workflow's "Logging failed"). */
const byEnglish = new Map<string, MessageKey>(
  (Object.entries(catalogue.en) as Array<[MessageKey, string]>)
    .filter(([key, text]) => /^(problem|emailProblem|salesforceError)\./.test(key) && placeholdersOf(text).length === 0)
    .map(([key, text]) => [text, key]),
);

function localizeText(code: string, field: Field, stored: string, lang: Language): string {
  if (stored === problemTexts(code, 'en')[field]) return problemTexts(code, lang)[field] ?? stored;
  const key = byEnglish.get(stored);
  return key ? translate(lang, key) : stored;
}

/** A stored problem with the texts the catalogue knows told in `lang` (its `message`, the other side's words, as it is). */
export function localizeProblem<P extends { code: string; title?: string; explanation?: string; fix?: string }>(problem: P, lang: Language): P {
  if (lang === 'en') return problem;
  const out = { ...problem };
  for (const field of fields) {
    const stored = problem[field];
    if (stored !== undefined) out[field] = localizeText(problem.code, field, stored, lang);
  }
  return out;
}

/** A sync error's stored explanation ("explanation fix", or the explanation alone) in `lang`. */
export function localizeExplanation(code: string, stored: string, lang: Language): string {
  if (lang === 'en') return stored;
  const en = problemTexts(code, 'en');
  const local = problemTexts(code, lang);
  if (stored === `${en.explanation ?? ''} ${en.fix ?? ''}`.trim()) return `${local.explanation ?? ''} ${local.fix ?? ''}`.trim();
  if (stored === en.explanation) return local.explanation ?? stored;
  return stored;
}
