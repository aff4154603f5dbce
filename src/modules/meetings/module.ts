import { defineModule } from '../../core/module.js';

/** Skeleton (issue 8 foundations): the helper building this module owns this file. */
export default defineModule({
  name: 'meetings',
});
