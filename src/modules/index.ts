import type { ModuleDefinition } from '../core/module.js';
import about from './about/module.js';
import apidocs from './apidocs/module.js';
import audit from './audit/module.js';
import auth from './auth/module.js';
import budget from './budget/module.js';
import circulars from './circulars/module.js';
import complaints from './complaints/module.js';
import dashboard from './dashboard/module.js';
import disclosure from './disclosure/module.js';
import facilities from './facilities/module.js';
import frontdesk from './frontdesk/module.js';
import home from './home/module.js';
import measures from './measures/module.js';
import meetings from './meetings/module.js';
import news from './news/module.js';
import notifications from './notifications/module.js';
import opendata from './opendata/module.js';
import organization from './organization/module.js';
import procurement from './procurement/module.js';
import publications from './publications/module.js';
import queue from './queue/module.js';
import register from './register/module.js';
import reports from './reports/module.js';
import routing from './routing/module.js';
import search from './search/module.js';
import services from './services/module.js';
import staff from './staff/module.js';
import suggestions from './suggestions/module.js';
import surveys from './surveys/module.js';

/** The registry: a capability is one folder and one line here. Order sets the demo seeding order. */
export const modules: readonly ModuleDefinition[] = [
  home,
  organization,
  auth,
  staff,
  audit,
  apidocs,
  notifications,
  register,
  measures,
  routing,
  publications,
  reports,
  queue,
  opendata,
  surveys,
  frontdesk,
  facilities,
  about,
  news,
  services,
  budget,
  procurement,
  circulars,
  meetings,
  suggestions,
  complaints,
  disclosure,
  search,
  dashboard,
];
