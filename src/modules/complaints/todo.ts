import type { ServiceContext } from '../../core/context.js';
import type { TodoItem } from '../../core/module.js';
import { caseCounts } from './cases.js';
import { complaintsPolicy } from './policy.js';

/** Officers: complaints past the acknowledgement deadline, new ones with nobody assigned, their own open cases. */
export async function complaintsTodo(ctx: ServiceContext): Promise<TodoItem[]> {
  if (!complaintsPolicy.handle(ctx.actor)) return [];
  const n = await caseCounts(ctx);
  const items: TodoItem[] = [];
  if (n.overdue > 0)
    items.push({ label: 'complaints.todo.overdue', params: { count: n.overdue }, href: '/staff/complaints?overdue=1', tone: 'danger' });
  if (n.unassigned > 0)
    items.push({
      label: 'complaints.todo.unassigned',
      params: { count: n.unassigned },
      href: '/staff/complaints?unassigned=1',
      tone: 'warning',
    });
  if (n.mineOpen > 0)
    items.push({ label: 'complaints.todo.mine', params: { count: n.mineOpen }, href: '/staff/complaints?mine=1', tone: 'info' });
  return items;
}
