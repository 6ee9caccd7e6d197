import type { EmailStatusDetail } from '../contract/email';
import { msg, t, type Language, type Localized } from '../i18n';
import type { EmailStatus } from '../store/emails';
import { localizeProblem } from './problem-texts';

/**
 * The one-line summary of a handed-over email in the reader's language. Activities and the
 * workflow store it in English beside its structured detail; here it is told again from that
 * detail: each way it can have been written is tried, and the one whose English is the stored
 * line is told in `lang`. A line none of them gives (a wording from before) is shown as stored.
 */

type Count = 'emailStatus.tasks' | 'emailStatus.asEmail' | 'emailStatus.refused' | 'emailStatus.unmatched';

function counted(lang: Language, key: Count, count: number, codes = ''): string {
  return t(lang, `${key}.${count === 1 ? 'one' : 'other'}`, { count, codes });
}

/** A problem's title inside a sentence: lower case as stored in English, the first letter only in other languages. */
function reason(lang: Language, title: string, lowerCase: boolean): string {
  if (!lowerCase) return title;
  return lang === 'en' ? title.toLowerCase() : `${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/** Each way the API logging activity words an outcome: what was written, then what was refused and who had no match. */
function apiOutcomes(detail: EmailStatusDetail): Localized[] {
  const refusals = detail.refusals ?? [];
  const unmatched = detail.unmatched ?? [];
  const tasks = detail.tasks?.length ?? 0;
  const relations = detail.emailMessage?.relations.length ?? 0;
  const whats: Localized[] = [msg('emailStatus.notLogged')];
  if (tasks) whats.push((lang) => counted(lang, 'emailStatus.tasks', tasks));
  // The user's own relation (From on a sent email) is not counted: the count is one of these.
  if (detail.emailMessage) for (const on of new Set([relations, relations - 1])) whats.push((lang) => counted(lang, 'emailStatus.asEmail', on));
  const codes = [...new Set(refusals.map((r) => r.code))].join(', ');
  const withParts = whats.map(
    (what): Localized =>
      (lang) =>
        [what(lang), ...(refusals.length ? [counted(lang, 'emailStatus.refused', refusals.length, codes)] : []), ...(unmatched.length ? [counted(lang, 'emailStatus.unmatched', unmatched.length)] : [])].join('; '),
  );
  if (detail.note && tasks) return [...withParts, ...withParts.map((summary): Localized => (lang) => t(lang, 'emailStatus.notAsEmail', { summary: summary(lang) }))];
  return withParts;
}

function candidates(detail: EmailStatusDetail): Localized[] {
  const found: Localized[] = [msg('emailStatus.waiting'), msg('emailStatus.writing'), msg('emailStatus.relayed'), msg('emailStatus.bccOff')];
  const problem = detail.problem;
  if (problem) {
    for (const lowerCase of [true, false]) found.push((lang) => t(lang, 'emailStatus.notLoggedBecause', { reason: reason(lang, localizeProblem(problem, lang).title, lowerCase) }));
  }
  const firstRefusal = detail.refusals?.[0];
  if (firstRefusal) found.push(msg('emailStatus.leadRefused', { code: firstRefusal.code }));
  if (detail.via === 'api') found.push(...apiOutcomes(detail));
  return found;
}

/** The summary to show: the stored line in `lang` when it can be told again, else as stored; null when there is none. */
export function emailSummary(status: EmailStatus, detail: EmailStatusDetail | null, lang: Language): string | null {
  if (!detail) return status === 'pending' ? t(lang, 'emailStatus.waiting') : null;
  const same = candidates(detail).find((summary) => summary('en') === detail.summary);
  return same ? same(lang) : detail.summary;
}
