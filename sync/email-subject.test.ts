import { defaultSubjectTemplate, renderSubject, stripReplyPrefixes, validateSubjectTemplate, type SubjectValues } from './email-subject';

const email: SubjectValues = { activityType: 'Email', activitySubject: 'Pricing for 2024', salesCampaignName: 'Q1 Outreach', salesCampaignStep: 2 };

describe('validateSubjectTemplate', () => {
  test.each([
    ['default', defaultSubjectTemplate],
    ['all placeholders', '{{sales_campaign_name}} #{{sales_campaign_step}} {{activity_type}}: {{activity_subject}}'],
    ['spaces inside braces', '{{ activity_type }}: {{activity_subject }}'],
    ['plain text only', 'Logged from SIA'],
    ['single braces are text', '{activity_type}'],
  ])('accepts %s', (_label, template) => {
    expect(validateSubjectTemplate(template)).toEqual({ ok: true });
  });

  test.each([
    ['unknown placeholder', '{{activity_typ}}: {{activity_subject}}', 'Unknown placeholder {{activity_typ}}'],
    ['wrong case', '{{Activity_Type}}', 'Unknown placeholder {{Activity_Type}}'],
    ['empty placeholder', '{{}} x', 'Unknown placeholder {{}}'],
    ['empty template', '   ', 'empty'],
    ['too long', 'x'.repeat(1001), 'longer than 1000'],
  ])('refuses %s', (_label, template, message) => {
    const result = validateSubjectTemplate(template);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((error) => error('en')).join(' ')).toContain(message);
  });

  test('tells what is wrong in Spanish too', () => {
    const result = validateSubjectTemplate('{{activity_typ}}');
    expect(result.ok ? [] : result.errors.map((error) => error('es'))).toEqual(['Marcador desconocido {{activity_typ}}. Disponibles: {{activity_type}}, {{activity_subject}}, {{sales_campaign_name}}, {{sales_campaign_step}}.']);
  });

  test('lists every unknown placeholder', () => {
    const result = validateSubjectTemplate('{{a}} {{b}} {{activity_type}}');
    expect(result.ok ? [] : result.errors).toHaveLength(2);
  });
});

describe('renderSubject', () => {
  test.each<[string, string, Partial<SubjectValues>, string]>([
    ['default template', defaultSubjectTemplate, {}, 'Email: Pricing for 2024'],
    ['campaign and step', '[{{sales_campaign_name}} / step {{sales_campaign_step}}] {{activity_subject}}', {}, '[Q1 Outreach / step 2] Pricing for 2024'],
    ['no campaign: dangling separator dropped', '{{sales_campaign_name}} - {{activity_subject}}', { salesCampaignName: null }, 'Pricing for 2024'],
    ['empty subject: trailing colon dropped', defaultSubjectTemplate, { activitySubject: '' }, 'Email'],
    ['user’s own punctuation kept when nothing is empty', '{{activity_subject}}', { activitySubject: 'Next steps -' }, 'Next steps -'],
    ['line breaks in the subject', defaultSubjectTemplate, { activitySubject: 'Hello\r\nthere\nfriend' }, 'Email: Hello there friend'],
    ['line breaks in the template', '{{activity_type}}:\n{{activity_subject}}', {}, 'Email: Pricing for 2024'],
    ['tabs and unicode line separators', defaultSubjectTemplate, { activitySubject: 'a\tb\u2028c' }, 'Email: a b c'],
    ['reply', defaultSubjectTemplate, { activityType: 'Reply', activitySubject: 'Re: Pricing for 2024' }, 'Reply: Pricing for 2024'],
    ['reply with nested prefixes', defaultSubjectTemplate, { activityType: 'Reply', activitySubject: 'RE: Aw: re[2]: Pricing' }, 'Reply: Pricing'],
    ['an email keeps its Re:', defaultSubjectTemplate, { activitySubject: 'Re: Pricing' }, 'Email: Re: Pricing'],
    ['call', defaultSubjectTemplate, { activityType: 'Call', activitySubject: 'Intro call' }, 'Call: Intro call'],
    ['unknown placeholder from an old template left as is', '{{owner}} {{activity_subject}}', {}, '{{owner}} Pricing for 2024'],
    ['braces in the subject are not placeholders', defaultSubjectTemplate, { activitySubject: '{{activity_type}}' }, 'Email: {{activity_type}}'],
  ])('%s', (_label, template, values, expected) => {
    expect(renderSubject(template, { ...email, ...values })).toEqual({ subject: expected, cut: false });
  });

  test.each([
    ['254 characters kept', 'a'.repeat(247), 254, false],
    ['255 characters kept', 'a'.repeat(248), 255, false],
    ['256 characters cut to 255', 'a'.repeat(249), 255, true],
  ])('%s', (_label, subject, length, cut) => {
    const r = renderSubject(defaultSubjectTemplate, { ...email, activitySubject: subject });
    expect([r.subject.length, r.cut]).toEqual([length, cut]);
  });

  test('a cut never splits an emoji', () => {
    const r = renderSubject('{{activity_subject}}', { ...email, activitySubject: 'a'.repeat(254) + '😀' });
    expect(r).toEqual({ subject: 'a'.repeat(254), cut: true });
  });
});

describe('stripReplyPrefixes', () => {
  test.each([
    ['Re: x', 'x'],
    ['RE:RE: x', 'x'],
    ['Sv: x', 'x'],
    ['Antw: x', 'x'],
    ['Regarding: x', 'Regarding: x'],
    ['Fwd: x', 'Fwd: x'],
    ['x', 'x'],
  ])('%s → %s', (input, expected) => {
    expect(stripReplyPrefixes(input)).toBe(expected);
  });
});
