// Sign-in with the courier's username and password (the console's session cookie).
import { ApiError, api } from '../../light/api.ts';
import { field, h, replace } from '../../light/dom.ts';
import { t } from '../../light/i18n.ts';
import { go } from '../nav.ts';
import { flashBox } from '../status.ts';
import type { User } from '../storage.ts';
import { refreshRound, signedIn, sync } from '../sync.ts';

export function loginScreen(main: HTMLElement): void {
  const message = h('div', { role: 'alert' });
  const submit = h('button', { type: 'submit' }, t({ vi: 'Đăng nhập', en: 'Sign in' }));
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('label', { for: 'username' }, t({ vi: 'Tên đăng nhập', en: 'Username' })),
    h('input', {
      id: 'username',
      name: 'username',
      autocomplete: 'username',
      autocapitalize: 'none',
      spellcheck: false,
    }),
    h('label', { for: 'password' }, t({ vi: 'Mật khẩu', en: 'Password' })),
    h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password' }),
    h('div', { class: 'actions' }, submit),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    const username = field(form, 'username');
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (!username || !password) {
      replace(
        message,
        h(
          'p',
          { class: 'alert error' },
          t({ vi: 'Nhập tên đăng nhập và mật khẩu', en: 'Enter your username and password' }),
        ),
      );
      return;
    }
    submit.disabled = true;
    try {
      const answer = await api<{ user: User; csrfToken: string }>('/auth/login', {
        method: 'POST',
        body: { username, password },
      });
      signedIn(answer);
      go('/buu-ta');
      void refreshRound();
      void sync();
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      replace(message, h('p', { class: 'alert error' }, e.message));
      submit.disabled = false;
    }
  });
  replace(main, flashBox(), h('h1', null, t({ vi: 'Đăng nhập bưu tá', en: 'Courier sign-in' })), form);
}
