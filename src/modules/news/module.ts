import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemo } from './demo.js';
import './evidence.js';
import { messages } from './messages.js';
import { newsPolicy } from './policy.js';
import { routes } from './routes.js';
import { scheduledNewsWorker } from './worker.js';

/**
 * News and announcements (ข่าวประชาสัมพันธ์, ประกาศ): written in a safe Markdown subset, with a
 * cover, attachments and categories; published now or at a set time, every version and
 * withdrawal in the publication log; public list, pages, RSS and Atom feeds; OIT topic 'news'.
 */
export default defineModule({
  name: 'news',
  messages,
  routes,
  api,
  demo: seedDemo,
  workers: [scheduledNewsWorker],
  nav: [
    { area: 'public', label: 'news.nav.public', href: '/news', icon: 'newspaper', order: 10 },
    { area: 'staff', label: 'news.nav.staff', href: '/staff/news', icon: 'newspaper', order: 42, can: newsPolicy.read },
  ],
});
