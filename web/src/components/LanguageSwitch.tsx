// Two buttons, each language named in itself ("Français", "English"); the active one is pressed.
import { LANGS, lang, setLang, type Lang } from '../i18n';
import { en, fr } from '../i18n/catalogues';

const NAMES: Record<Lang, string> = { fr: fr.meta.language, en: en.meta.language };

export function LanguageSwitch() {
  const active = lang.value;
  const label = active === 'fr' ? fr.layout.switchLanguage : en.layout.switchLanguage;
  return (
    <div class="lang-switch" role="group" aria-label={label}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          class="lang-switch__button"
          aria-pressed={active === l}
          onClick={() => setLang(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
