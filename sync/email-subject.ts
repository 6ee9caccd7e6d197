import { msg, type Localized } from '../i18n';
import { cutText } from './text-limits';

/**
 * Subjects of logged email activities, from the admin's template.
 *
 * - Placeholders: `{{activity_type}}`, `{{activity_subject}}`, `{{sales_campaign_name}}`,
 *   `{{sales_campaign_step}}`; spaces inside the braces are allowed (`{{ activity_type }}`).
 * - Unknown placeholders are refused when the template is saved (`validateSubjectTemplate`), so
 *   a typo is seen by the admin, not by every logged email. A template saved before that rule
 *   still renders: unknown placeholders are left as they are.
 * - A placeholder without a value (no campaign) renders empty; separators it leaves dangling at
 *   the ends (`: - | / ,`) are then removed, and doubled spaces always are.
 * - Line breaks and tabs become spaces (Subject is one line), then the text is trimmed.
 * - The result is cut to 255 characters without splitting a surrogate pair. Characters are
 *   counted as UTF-16 units (what Salesforce measures), which never exceeds the code-point
 *   count, so the subject fits either way.
 * - Replies: activity type `Reply`, and leading "Re:"/"RE:"/"AW:"/"SV:" prefixes are dropped
 *   from the subject, so the default template gives "Reply: <subject>".
 */

export const subjectPlaceholders = ['activity_type', 'activity_subject', 'sales_campaign_name', 'sales_campaign_step'] as const;
export type SubjectPlaceholder = (typeof subjectPlaceholders)[number];

export const defaultSubjectTemplate = '{{activity_type}}: {{activity_subject}}';
export const maxSubjectLength = 255;
/** A template longer than this is surely a mistake (the subject itself is at most 255). */
export const maxTemplateLength = 1000;

export type ActivityType = 'Email' | 'Reply' | 'Call' | (string & {});

export interface SubjectValues {
  activityType: ActivityType;
  activitySubject: string;
  salesCampaignName?: string | null;
  salesCampaignStep?: string | number | null;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** What is wrong with a template, each told in the reader's language. */
export type TemplateCheck = { ok: true } | { ok: false; errors: Localized[] };

export function validateSubjectTemplate(template: string): TemplateCheck {
  const errors: Localized[] = [];
  if (template.trim() === '') errors.push(msg('api.template.empty', { example: defaultSubjectTemplate }));
  if (template.length > maxTemplateLength) errors.push(msg('api.template.tooLong', { max: maxTemplateLength, cut: maxSubjectLength }));
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!isPlaceholder(name)) {
      errors.push(msg('api.template.unknownPlaceholder', { placeholder: `{{${name}}}`, available: subjectPlaceholders.map((p) => `{{${p}}}`).join(', ') }));
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}

export interface RenderedSubject {
  subject: string;
  cut: boolean;
}

export function renderSubject(template: string, values: SubjectValues): RenderedSubject {
  const byName: Record<SubjectPlaceholder, string> = {
    activity_type: values.activityType,
    activity_subject: values.activityType === 'Reply' ? stripReplyPrefixes(values.activitySubject) : values.activitySubject,
    sales_campaign_name: values.salesCampaignName ?? '',
    sales_campaign_step: values.salesCampaignStep == null ? '' : String(values.salesCampaignStep),
  };
  let emptyValues = 0;
  const filled = template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole;
    const value = oneLine(byName[name]);
    if (value === '') emptyValues += 1;
    return value;
  });
  let tidy = oneLine(filled).replace(/ {2,}/g, ' ');
  // Only separators left dangling by an empty value are dropped; the user's own text is kept.
  if (emptyValues > 0) tidy = tidy.replace(/^[\s:\-–—|/,·]+|[\s:\-–—|/,·]+$/g, '');
  const { text, cut } = cutText(tidy, maxSubjectLength);
  return { subject: text.trimEnd(), cut };
}

function isPlaceholder(name: string): name is SubjectPlaceholder {
  return (subjectPlaceholders as readonly string[]).includes(name);
}

/** Line breaks (any kind) and tabs to single spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t\v\f\u0085\u2028\u2029]+/g, ' ').trim();
}

const REPLY_PREFIX = /^\s*(?:re|aw|sv|antw|réf|ref)\s*(?:\[\d+\])?\s*:\s*/i;

export function stripReplyPrefixes(subject: string): string {
  let s = subject;
  while (REPLY_PREFIX.test(s)) s = s.replace(REPLY_PREFIX, '');
  return s.trim();
}
