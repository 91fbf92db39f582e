// The citizen pages (tra cứu hồ sơ, đặt lịch thu gom): plain TypeScript and a small CSS file, no staff
// bundle. Served by the server as citizen.html for /tra-cuu, /tra-cuu/<token> and /dat-lich….
import '../light/light.css';
import { replace } from '../light/dom.ts';
import { lang } from '../light/i18n.ts';
import { topbar } from '../light/shell.ts';
import { lookupPage } from './lookup.ts';
import { pickupPage } from './pickup.ts';
import { dossierPage } from './view.ts';

const app = document.getElementById('app');
if (!app) throw new Error('citizen.html has no #app');
const root: HTMLElement = app;

export function navigate(path: string): void {
  history.pushState(null, '', path);
  render();
}

function render(): void {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const main = document.createElement('main');
  main.id = 'main';
  const isPickup = path.startsWith('/dat-lich');
  const title = isPickup
    ? { vi: 'Đặt lịch thu gom hồ sơ tại nhà', en: 'Book a home pickup' }
    : { vi: 'Tra cứu hồ sơ', en: 'Dossier lookup' };
  document.title = `${title[lang()]} — motcua`;
  replace(root, topbar(title, isPickup ? '/dat-lich' : '/tra-cuu', render), main);
  const token = /^\/tra-cuu\/([^/]+)$/.exec(path)?.[1];
  if (isPickup) pickupPage(main);
  else if (token) void dossierPage(main, decodeURIComponent(token));
  else lookupPage(main, navigate);
}

window.addEventListener('popstate', render);
render();
