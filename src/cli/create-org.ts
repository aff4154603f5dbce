import type { Config } from '../core/config.js';
import { ValidationError } from '../core/http/errors.js';
import { validateValues } from '../core/http/forms.js';
import { translator } from '../core/i18n/i18n.js';
import { catalogsFor, closeServices, createServices } from '../core/services.js';
import { normalizeHost } from '../core/tenancy/resolve.js';
import { errorText } from '../core/ui/context.js';
import { modules } from '../modules/index.js';
import { OrgInput, orgLabels } from '../modules/organization/inputs.js';
import { createOrganization, organizationsWithoutHost } from '../modules/organization/service.js';
import { USERNAME } from '../modules/staff/inputs.js';

/**
 * For a province or the DLA hosting many organizations: another organization, reached by its
 * own web address, with a first administrator whose generated password is printed once.
 *
 *   npm run cli -- create-org --host=lubopeusa.go.th --type=sao --name=ลูโบะปือซา \
 *     --province=นราธิวาส --district=ยี่งอ --doc-code="นธ 78101" --address="…" \
 *     --admin=admin --admin-first-name=… --admin-last-name=… --admin-title=นาย --admin-position=…
 */
export async function createOrgCommand(config: Config, args: string[]): Promise<number> {
  const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const t = translator(catalogsFor(modules), 'en');
  const host = normalizeHost(opt('host'));
  const username = USERNAME.safeParse(opt('admin') ?? 'admin');
  if (!host || !username.success) {
    console.error('create-org: --host=<domain> is required, and --admin must be a valid username');
    return 2;
  }
  const org = validateValues(
    OrgInput,
    {
      type: opt('type') ?? 'sao',
      name: opt('name') ?? '',
      province: opt('province') ?? '',
      district: opt('district') ?? '',
      docCode: opt('doc-code') ?? '',
      address: opt('address') ?? '',
      phone: opt('phone') ?? '',
      email: opt('email') ?? '',
    },
    orgLabels,
  );
  if (!org.ok) {
    const flag = (field: string) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const e of org.errors) console.error(`create-org: --${flag(e.field)}: ${errorText(t, e)}`);
    return 2;
  }
  const app = await createServices(config, modules);
  try {
    const created = await createOrganization(app, org.data, host, {
      titlePrefix: opt('admin-title') ?? 'นาย',
      firstName: opt('admin-first-name') ?? 'ผู้ดูแล',
      lastName: opt('admin-last-name') ?? 'ระบบ',
      positionTitle: opt('admin-position') ?? 'ผู้ดูแลระบบ',
      username: username.data,
    });
    console.log(`Created ${created.names.full} (id ${created.id}) at https://${host}/`);
    console.log(`First administrator: ${username.data}  temporary password: ${created.adminPassword} (to be changed at first sign-in)`);
    const unreachable = await organizationsWithoutHost(app);
    if (unreachable.length > 0) {
      console.log(
        `Note: with several organizations each is found by its web address. These have none yet and are now unreachable: ${unreachable.join(', ')}. Add one in their settings or with another create-org host.`,
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) {
      for (const f of e.fields) console.error(`create-org: ${f.field}: ${errorText(t, f)}`);
      return 2;
    }
    throw e;
  } finally {
    await closeServices(app);
  }
}
