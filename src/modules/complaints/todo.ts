import type { ServiceContext } from '../../core/context.js';
import type { TodoItem } from '../../core/module.js';

/** Stub (issue 8 foundations): replaced by the part that owns this file. */
export async function complaintsTodo(_ctx: ServiceContext): Promise<TodoItem[]> {
  return [];
}
