// Moving between the app's screens: paths under /buu-ta in the browser's history, which screen is on
// show, and whether the sync may redraw it. The screens import this; the router (router.ts) draws.
import { h } from '../light/dom.ts';

export type ScreenName = 'login' | 'round' | 'item' | 'deliver' | 'failed' | 'pickup';

let draw: () => void = () => {};
const leaving: (() => void)[] = [];

/** The screen on show; `live` while the sync may redraw it (nothing typed that a redraw would lose). */
export const view: { screen: ScreenName; live: boolean } = { screen: 'round', live: true };

export function setRenderer(renderer: () => void): void {
  draw = renderer;
}

/** Draws the screen of the current path (after the last one's clean-up: a camera is stopped). */
export function render(): void {
  for (const stop of leaving.splice(0)) stop();
  draw();
}

export function go(path: string): void {
  history.pushState(null, '', path);
  render();
}

/** Runs `stop` when the screen is drawn again or another one replaces it. */
export function onLeave(stop: () => void): void {
  leaving.push(stop);
}

/** The screen holds what the courier is entering: background updates leave it alone. */
export function keepInput(): void {
  view.live = false;
}

/** The screen may be drawn again by background updates (what held it is done). */
export function allowRedraws(): void {
  view.live = true;
}

/** Redraws the screen on show if it is one of `screens` and nothing typed would be lost. */
export function redraw(...screens: ScreenName[]): void {
  if (view.live && screens.includes(view.screen)) render();
}

/** A link inside the app: a real `href` (long press, new tab) that navigates without a reload. */
export function link(path: string, props: Record<string, unknown>, ...children: (Node | string)[]) {
  return h(
    'a',
    {
      ...props,
      href: path,
      on: {
        click: (event: Event) => {
          event.preventDefault();
          go(path);
        },
      },
    },
    ...children,
  );
}
