import { defineModule } from '../../core/module.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

export default defineModule({ name: 'apidocs', messages, routes });
