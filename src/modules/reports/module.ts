import { defineModule } from '../../core/module.js';

/** Issue 3 — filled in by its owner; see the module's files. */
export default defineModule({
  name: 'reports',
});
