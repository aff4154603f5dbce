import { registerOitEvidence } from '../disclosure/evidence.js';
import { postsOfFiscalYear } from './read.js';
import { newsHref } from './service.js';

/** OIT topic 'news' (ข่าวประชาสัมพันธ์): the year's posts on the public pages. */
registerOitEvidence({
  topic: 'news',
  module: 'news',
  async links(ctx, fiscalYear) {
    const posts = await postsOfFiscalYear(ctx, fiscalYear);
    return posts.map((p) => ({ title: p.title, url: newsHref(p.id), updatedAt: p.updatedAt }));
  },
});
