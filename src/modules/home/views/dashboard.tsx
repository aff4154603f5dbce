import type { Actor } from '../../../core/auth/roles.js';
import type { NavItem, TodoItem } from '../../../core/module.js';
import { Banner, Card, Icon, PageHeader, Tag } from '../../../core/ui/components.js';
import { richText, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { PersonName } from '../../../core/ui/names.js';

export function DashboardPage(props: { actor: Actor; todo: TodoItem[]; shortcuts: NavItem[] }) {
  const t = useT();
  const { actor } = props;
  return (
    <StaffLayout title={t('home.nav.dashboard')}>
      <PageHeader
        title={richText(t, 'home.dashboard.title', { name: <PersonName name={actor.displayName} /> })}
        lead={t('home.dashboard.lead')}
      />
      {actor.roles.length === 0 ? <Banner tone="warning">{t('home.dashboard.noRoles')}</Banner> : null}
      <div class="grid">
        <Card title={t('home.dashboard.inbox')} icon="inbox">
          {props.todo.length === 0 ? (
            <p>
              <Tag tone="success">{t('home.dashboard.allRead')}</Tag>
            </p>
          ) : (
            <ul class="todo-list">
              {props.todo.map((item) => (
                <li>
                  <a href={item.href}>{t(item.label, item.params)}</a>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('home.dashboard.yourRoles')} icon="shield-check">
          <p>
            {actor.roles.map((r) => (
              <>
                <Tag tone="info" icon={false}>
                  {t(`core.roles.${r}`)}
                </Tag>{' '}
              </>
            ))}
          </p>
        </Card>
      </div>
      {props.shortcuts.length > 0 ? (
        <>
          <h2 class="form-section">{t('home.dashboard.shortcuts')}</h2>
          <ul class="shortcut-grid">
            {props.shortcuts.map((n) => (
              <li>
                <a class="shortcut" href={n.href}>
                  {n.icon ? <Icon name={n.icon} size={24} /> : null}
                  <span>{t(n.label)}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </StaffLayout>
  );
}
