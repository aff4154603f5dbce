import type { TodoItem } from '../../core/module.js';
import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoMeetings } from './demo.js';
import './evidence.js';
import { messages } from './messages.js';
import { meetingsPolicy } from './policy.js';
import { routes } from './routes.js';
import { missingInternalMeeting, myOpenActions } from './service.js';

/**
 * Meetings that gather opinions (measures 5 and 8): internal opinion exchange and stakeholder
 * meetings with invitations, attendance, opinions (anonymous if chosen), frozen minutes, actions
 * followed up to done, and results published to staff and — when chosen — on /participation.
 */
export default defineModule({
  name: 'meetings',
  messages,
  routes,
  api,
  demo: seedDemoMeetings,
  nav: [
    { area: 'staff', label: 'meetings.nav', href: '/staff/meetings', icon: 'users', order: 52, can: meetingsPolicy.read },
    { area: 'footer', label: 'meetings.public.nav', href: '/participation', order: 40 },
  ],
  async todo(ctx) {
    if (!ctx.actor) return [];
    const items: TodoItem[] = [];
    const year = await missingInternalMeeting(ctx);
    if (year) items.push({ label: 'meetings.todo.noMeeting', params: { year }, href: '/staff/meetings', tone: 'warning' });
    const mine = await myOpenActions(ctx);
    const overdue = mine.filter((a) => a.overdue).length;
    if (overdue) items.push({ label: 'meetings.todo.overdue', params: { n: overdue }, href: '/staff/meetings', tone: 'danger' });
    if (mine.length - overdue)
      items.push({ label: 'meetings.todo.actions', params: { n: mine.length - overdue }, href: '/staff/meetings', tone: 'info' });
    return items;
  },
});
