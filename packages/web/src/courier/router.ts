// The shell of the app: the top bar, the status bar and the screen of the current path, drawn again
// when the path changes, when the language changes and when the sync says something changed.
import { h, replace } from '../light/dom.ts';
import { type Text, t } from '../light/i18n.ts';
import { topbar } from '../light/shell.ts';
import { go, redraw, render, type ScreenName, setRenderer, view } from './nav.ts';
import { deliverScreen } from './screens/deliver.ts';
import { failedScreen } from './screens/failed.ts';
import { itemScreen } from './screens/item.ts';
import { loginScreen } from './screens/login.ts';
import { pickupScreen } from './screens/pickup.ts';
import { roundScreen } from './screens/round.ts';
import { drawStatus, setFlash, statusBar } from './status.ts';
import { state } from './storage.ts';
import { syncEvents } from './sync.ts';
import type { Pickup, Shipment } from './types.ts';

const APP: Text = { vi: 'Bưu tá', en: 'Courier' };

interface Route {
  path: RegExp;
  screen: ScreenName;
  /** Draws the screen for the path's id; false when the phone does not know it. */
  draw(main: HTMLElement, id: string): boolean;
}

const withShipment =
  (screen: (main: HTMLElement, s: Shipment) => void) =>
  (main: HTMLElement, id: string): boolean => {
    const shipment = state.items[id];
    if (shipment) screen(main, shipment);
    return Boolean(shipment);
  };
const withPickup =
  (screen: (main: HTMLElement, p: Pickup) => void) =>
  (main: HTMLElement, id: string): boolean => {
    const pickup = state.pickups[id];
    if (pickup) screen(main, pickup);
    return Boolean(pickup);
  };

/** The app's paths; any other path under /buu-ta is the round. */
const ROUTES: Route[] = [
  { path: /^\/buu-ta\/thu-gom\/([^/]+)$/, screen: 'pickup', draw: withPickup(pickupScreen) },
  { path: /^\/buu-ta\/buu-gui\/([^/]+)\/phat$/, screen: 'deliver', draw: withShipment(deliverScreen) },
  {
    path: /^\/buu-ta\/buu-gui\/([^/]+)\/khong-thanh-cong$/,
    screen: 'failed',
    draw: withShipment(failedScreen),
  },
  { path: /^\/buu-ta\/buu-gui\/([^/]+)$/, screen: 'item', draw: withShipment(itemScreen) },
];

function draw(root: HTMLElement): void {
  // A redraw of the same screen (the sync) gives the focus back to the field that had it.
  const before = { screen: view.screen, focused: document.activeElement?.id };
  drawScreen(root);
  if (!before.focused || view.screen !== before.screen) return;
  const field = document.getElementById(before.focused);
  field?.focus();
  if (field instanceof HTMLInputElement && field.type === 'text') {
    field.setSelectionRange(field.value.length, field.value.length);
  }
}

function drawScreen(root: HTMLElement): void {
  const main = h('main', { id: 'main' });
  document.title = `${t(APP)} — motcua`;
  replace(root, topbar(APP, '/buu-ta', render), statusBar, main);
  drawStatus();
  view.live = true;
  if (!state.user) {
    view.screen = 'login';
    loginScreen(main);
    return;
  }
  const path = location.pathname.replace(/\/+$/, '');
  for (const route of ROUTES) {
    const id = route.path.exec(path)?.[1];
    if (!id) continue;
    view.screen = route.screen;
    // An item or pickup the phone does not know (another courier's link, a cleared phone): the round.
    if (!route.draw(main, id)) go('/buu-ta');
    return;
  }
  view.screen = 'round';
  roundScreen(main);
}

/** Starts drawing into `root` and follows the history and the sync. */
export function startShell(root: HTMLElement): void {
  setRenderer(() => draw(root));
  window.addEventListener('popstate', render);
  syncEvents.addEventListener('status', drawStatus);
  syncEvents.addEventListener('change', () => {
    drawStatus();
    redraw('round', 'item', 'pickup');
  });
  syncEvents.addEventListener('round', () => redraw('round'));
  syncEvents.addEventListener('session', () => (state.user ? redraw('round', 'item', 'pickup') : render()));
  syncEvents.addEventListener('signedout', () => {
    setFlash(
      'warn',
      t({
        vi: 'Phiên đăng nhập đã hết. Đăng nhập lại để gửi các thao tác còn chờ (vẫn lưu trên máy).',
        en: 'Your session ended. Sign in again to send the waiting actions (kept on the phone).',
      }),
    );
    render();
  });
  render();
}
