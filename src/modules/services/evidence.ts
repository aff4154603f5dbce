import { and, eq } from 'drizzle-orm';
import { dbOf } from '../../core/context.js';
import { registerOitEvidence } from '../disclosure/evidence.js';
import { serviceGuides } from './schema.js';
import { guidePath } from './service.js';

/**
 * OIT evidence of 'service-guides' (คู่มือหรือมาตรฐานการให้บริการ): the list of services and every
 * published guide with its flowchart. A guide is current whatever the year, so every fiscal year
 * gets the guides published now.
 */
registerOitEvidence({
  topic: 'service-guides',
  module: 'services',
  async links(ctx) {
    const rows = await dbOf(ctx)
      .select({ id: serviceGuides.id, title: serviceGuides.title, updatedAt: serviceGuides.updatedAt })
      .from(serviceGuides)
      .where(and(eq(serviceGuides.orgId, ctx.orgId), eq(serviceGuides.status, 'published')))
      .orderBy(serviceGuides.sortOrder, serviceGuides.title);
    if (rows.length === 0) return [];
    const newest = new Date(Math.max(...rows.map((r) => r.updatedAt.getTime())));
    return [
      { title: 'งานบริการประชาชน (คู่มือสำหรับประชาชน)', url: '/services', updatedAt: newest },
      ...rows.map((r) => ({ title: `คู่มือสำหรับประชาชน: ${r.title}`, url: guidePath(r.id), updatedAt: r.updatedAt })),
    ];
  },
});
