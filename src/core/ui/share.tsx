import { siteOrigin } from '../http/request.js';
import { Icon } from './components.js';
import { useAppContext, useT } from './context.js';

/**
 * Share a public page on LINE (how most Thai households pass news on) and Facebook: plain links
 * to their share pages, so they work without JavaScript and load nothing from them until clicked.
 */
export function ShareLinks({ path, title }: { path: string; title: string }) {
  const c = useAppContext();
  const t = useT();
  const url = siteOrigin(c) + path;
  const line = `https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(url)}&text=${encodeURIComponent(title)}`;
  const facebook = `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`;
  return (
    <nav class="share-links" aria-label={t('core.share.label')}>
      <Icon name="share-2" size={18} />
      <span class="share-links__label">{t('core.share.label')}</span>
      <ul>
        <li>
          <a href={line} rel="noopener noreferrer" target="_blank">
            LINE<span class="visually-hidden"> {t('core.share.newWindow')}</span>
          </a>
        </li>
        <li>
          <a href={facebook} rel="noopener noreferrer" target="_blank">
            Facebook<span class="visually-hidden"> {t('core.share.newWindow')}</span>
          </a>
        </li>
      </ul>
    </nav>
  );
}
