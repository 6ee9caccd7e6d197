import { z } from 'zod';
import { isMessageKey, translate, type Language, type Localized, type MessageKey, type Params } from './index';

/**
 * Zod issues in the reader's language. A schema's own messages are catalogue keys (`messageKey`
 * checks them by type), rendered with the issue's params and limits; zod's default messages
 * come from zod's own locale for that language.
 */

const zodLocales: Record<Language, () => { localeError: z.core.$ZodErrorMap }> = { en: z.locales.en, es: z.locales.es };

/** A catalogue key as a schema's error message: `z.string().max(200, messageKey('api.profile.displayNameTooLong'))`. */
export function messageKey<K extends MessageKey>(key: K): K {
  return key;
}

function paramsOf(issue: z.core.$ZodIssue): Params {
  const params: Record<string, string | number> = {};
  if ('params' in issue && issue.params) {
    for (const [name, value] of Object.entries(issue.params as Record<string, unknown>)) if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  if ('maximum' in issue && (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')) params.max = Number(issue.maximum);
  if ('minimum' in issue && (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint')) params.min = Number(issue.minimum);
  // An enum's or a literal's allowed values, e.g. "normal, high".
  if ('values' in issue && Array.isArray(issue.values)) params.values = issue.values.map(String).join(', ');
  return params;
}

export function issueText(issue: z.core.$ZodIssue): Localized {
  const key = issue.message;
  if (isMessageKey(key)) {
    const params = paramsOf(issue);
    return (lang) => translate(lang, key, params);
  }
  return (lang) => {
    if (lang === 'en') return issue.message;
    const local = zodLocales[lang]().localeError(issue as Parameters<z.core.$ZodErrorMap>[0]);
    const text = typeof local === 'string' ? local : local?.message;
    return text ?? issue.message;
  };
}
