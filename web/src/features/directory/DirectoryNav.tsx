// The directory's two pages, side by side under its heading: the list of employees and the HR import.
import { useLocation } from 'preact-iso';
import { messages } from '../../i18n';

export function DirectoryNav() {
  const m = messages.value.directory;
  const { path } = useLocation();
  const items = [
    { href: '/directory', label: m.tabList },
    { href: '/directory/import', label: m.tabImport },
  ];
  return (
    <nav class="subnav" aria-label={m.sections}>
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href} aria-current={path === item.href ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
