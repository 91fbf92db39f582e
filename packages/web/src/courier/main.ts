// The courier's phone app (/buu-ta): today's round, open an item by tapping, typing or scanning its
// number, go out for delivery, record a delivery (name, ID digits, signature, photo, position) or a
// failed attempt, collect a home pickup. Every action is queued on the phone and sent when online
// (queue.ts, sync.ts); the service worker (service-worker.ts) lets the app start with no network.
// Plain TypeScript, no framework.
import '../light/light.css';
import './courier.css';
import { lang } from '../light/i18n.ts';
import { registerServiceWorker } from './install.ts';
import { startShell } from './router.ts';
import { startSync } from './sync.ts';

const root = document.getElementById('app');
if (!root) throw new Error('courier.html has no #app');
document.documentElement.lang = lang();
startShell(root);
startSync();
registerServiceWorker();
