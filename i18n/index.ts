import { en } from './en';
import { es } from './es';

/**
 * Every text a user reads, in English and Spanish: the catalogues (en.ts, es.ts) hold them by key,
 * with `{name}` placeholders filled from params. `t(lang, key, params)` renders one; the type
 * checker wants the params a key's English text names. Code never inlines such a text: it names
 * the key, and the edge that answers (a page, an API answer) renders it in the reader's language.
 */

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'en';

export type MessageKey = keyof typeof en;
export type Params = Readonly<Record<string, string | number>>;

/** The placeholder names of a text, e.g. "Saved {when}." → "when". */
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
export type MessageParams<K extends MessageKey> = Readonly<Record<Placeholders<(typeof en)[K]>, string | number>>;
/** No argument for a text without placeholders, the params for one with. */
export type ParamsArg<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: MessageParams<K>];

const catalogues: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, es };

const placeholder = /\{(\w+)\}/g;

function fill(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(placeholder, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The text of `key` in `lang`, its placeholders filled. */
export function t<K extends MessageKey>(lang: Language, key: K, ...[params]: ParamsArg<K>): string {
  return fill(catalogues[lang][key], params);
}

/** As t, for a key chosen at run time (e.g. by an error code): params are not checked by type. */
export function translate(lang: Language, key: MessageKey, params?: Params): string {
  return fill(catalogues[lang][key], params);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The names of the `{placeholders}` of a text, in order of appearance. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(placeholder)].map((m) => m[1] as string);
}

/** A text rendered later, in the reader's language (an error made before the language is known). */
export type Localized = (lang: Language) => string;

export function msg<K extends MessageKey>(key: K, ...params: ParamsArg<K>): Localized {
  return (lang) => t(lang, key, ...params);
}

/** Words that are not ours to translate (Salesforce's message, an address), the same in every language. */
export function verbatim(text: string): Localized {
  return () => text;
}

/**
 * The first language of an Accept-Language header that has a catalogue ("es-ES,es;q=0.9,en;q=0.8"
 * → es), by quality and then order; undefined when it names none of them.
 */
export function fromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [range = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: range.trim().toLowerCase().split('-')[0] ?? '', quality: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.quality > 0 && !Number.isNaN(r.quality))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((r) => r.primary).find(isLanguage);
}

/** The texts the pages' scripts use (keys under `web.`), for the page to hand them over. */
export function webTexts(lang: Language): Record<string, string> {
  return Object.fromEntries(Object.entries(catalogues[lang]).filter(([key]) => key.startsWith('web.')));
}

/** Both catalogues, for the test that they hold the same keys and placeholders. */
export const catalogue = catalogues;
