import { translate, type Language, type MessageKey } from '../../i18n';

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * JSON inside a <script type="application/json"> block: `<` is escaped so no text can close the
 * block, and U+2028/U+2029 so the JSON stays valid JavaScript too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * A catalogue text as HTML: the text escaped, its `{placeholders}` replaced by the markup given
 * (which the caller has made safe), e.g. `{prefix}` → `<code>sia_</code>`.
 */
export function htmlText(text: string, markup: Readonly<Record<string, string>>): string {
  return escapeHtml(text).replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(markup, name) ? (markup[name] as string) : whole));
}

/** A page's texts in `lang`, escaped for HTML: `text('page.settings.save')`. */
export function htmlTexts(lang: Language): (key: MessageKey) => string {
  return (key) => escapeHtml(translate(lang, key));
}
