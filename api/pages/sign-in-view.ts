import { t, translate, type Language } from '../../i18n';
import { htmlText, htmlTexts } from './html';
import type { PageInput } from './layout';

/** Sign-in with an API token; the page first checks for a session the browser already has. */
export function signInView(lang: Language): PageInput {
  const text = htmlTexts(lang);
  return {
    title: t(lang, 'page.signIn.title'),
    script: 'sign-in.js',
    main: `<h1>${text('page.signIn.heading')}</h1>
<p id="checking" class="hint">${text('page.signIn.checking')}</p>
<form id="sign-in" class="card" novalidate hidden>
<label for="token">${text('page.signIn.token')}</label>
<input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required placeholder="sia_…" aria-describedby="token-hint token-error">
<p class="hint" id="token-hint">${htmlText(translate(lang, 'page.signIn.tokenHint'), { prefix: '<code>sia_</code>' })}</p>
<p class="field-error" id="token-error" data-error-for="token"></p>
<p class="buttons"><button type="submit" class="primary">${text('page.signIn.submit')}</button></p>
</form>`,
  };
}
