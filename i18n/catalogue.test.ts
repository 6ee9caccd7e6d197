import { catalogue, fromAcceptLanguage, languages, msg, placeholdersOf, t, translate, webTexts } from './index';

const keysOf = (lang: (typeof languages)[number]) => Object.keys(catalogue[lang]).sort();
const sortedPlaceholders = (text: string) => [...new Set(placeholdersOf(text))].sort();

describe('the catalogues', () => {
  test('English and Spanish hold the same keys', () => {
    expect(keysOf('es')).toEqual(keysOf('en'));
  });

  test('each key has the same {placeholders} in both languages', () => {
    const differing = keysOf('en').filter((key) => {
      const en = sortedPlaceholders(catalogue.en[key as keyof typeof catalogue.en]);
      const es = sortedPlaceholders(catalogue.es[key as keyof typeof catalogue.es]);
      return JSON.stringify(en) !== JSON.stringify(es);
    });
    expect(differing).toEqual([]);
  });

  test('no text is empty, and braces appear only as {placeholders}', () => {
    for (const lang of languages) {
      const bad = Object.entries(catalogue[lang]).filter(([, text]) => text.trim() === '' || /[{}]/.test(text.replace(/\{\w+\}/g, '')));
      expect(bad).toEqual([]);
    }
  });

  test('Spanish texts are translated: a text equal to its English one is a name or a placeholder', () => {
    const same = keysOf('en').filter((key) => {
      const text = catalogue.en[key as keyof typeof catalogue.en];
      return text === catalogue.es[key as keyof typeof catalogue.es] && /[a-z]{4,}/.test(text.replace(/\{\w+\}/g, '').replace(/Salesforce|Normal/g, ''));
    });
    expect(same).toEqual([]);
  });
});

describe('t', () => {
  test('fills placeholders in the chosen language', () => {
    expect(t('en', 'web.settings.connectedAs', { username: 'ana@acme.test' })).toBe('Connected as ana@acme.test');
    expect(t('es', 'web.settings.connectedAs', { username: 'ana@acme.test' })).toBe('Conectada como ana@acme.test');
  });

  test('uses the product page’s Spanish wording', () => {
    expect(t('es', 'page.settings.syncSettings')).toBe('Configuración de sincronización');
    expect(t('es', 'page.settings.emailCard')).toBe('Registrar actividad de correo electrónico en Salesforce');
    expect(t('es', 'page.settings.tabApi')).toBe('API de Salesforce');
    expect(t('es', 'page.settings.tabBcc')).toBe('Correo electrónico a Salesforce (CCO)');
    expect(t('es', 'page.settings.activate')).toBe('Activar');
    expect(t('es', 'page.settings.taskCard')).toBe('Sincronizar tareas/recordatorios con tareas de Salesforce');
    expect(t('es', 'settings.taskSync.do_not_sync')).toBe('No sincronizar con tareas de Salesforce');
    expect(t('es', 'page.commandCenter.title')).toBe('Centro de comandos');
  });

  test('leaves a placeholder without a param as it is, and a param without a placeholder out', () => {
    expect(translate('en', 'web.tasks.actionOn', { action: 'Delete' })).toBe('Delete “{name}”');
    expect(translate('en', 'web.never', { extra: 1 })).toBe('never');
  });

  test('msg renders later, in the language asked for', () => {
    const saved = msg('web.settings.savedAt', { when: '10:00' });
    expect([saved('en'), saved('es')]).toEqual(['Saved 10:00.', 'Guardado 10:00.']);
  });

  test('webTexts hands the pages only the scripts’ keys', () => {
    const texts = webTexts('es');
    expect(Object.keys(texts).every((key) => key.startsWith('web.'))).toBe(true);
    expect(texts['web.settings.activate']).toBe('Activar');
  });
});

describe('fromAcceptLanguage', () => {
  test.each([
    ['es-ES,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,es;q=0.5', 'es'],
    ['en;q=0.2, ES-mx', 'es'],
    ['de, es;q=0', undefined],
    ['fr', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(fromAcceptLanguage(header)).toBe(expected);
  });
});
