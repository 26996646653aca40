// The login page's messages, in both languages.
import type { Translation } from '../../i18n/types';

export const fr = {
  login: {
    title: 'Connexion',
    intro: 'Connectez-vous avec l’adresse e-mail et le mot de passe de votre compte Binôme.',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    emailRequired: 'Saisissez votre adresse e-mail.',
    passwordRequired: 'Saisissez votre mot de passe.',
    failed: 'La connexion a échoué.',
    tooManyAttempts: 'Trop de tentatives de connexion ont échoué.',
    retryInMinutes: { one: 'Réessayez dans {count} minute.', other: 'Réessayez dans {count} minutes.' },
    retryInSeconds: { one: 'Réessayez dans {count} seconde.', other: 'Réessayez dans {count} secondes.' },
  },
};

export const en: Translation<typeof fr> = {
  login: {
    title: 'Log in',
    intro: 'Log in with the email address and password of your Binôme account.',
    email: 'Email address',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    emailRequired: 'Enter your email address.',
    passwordRequired: 'Enter your password.',
    failed: 'Login failed.',
    tooManyAttempts: 'Too many failed login attempts.',
    retryInMinutes: { one: 'Try again in {count} minute.', other: 'Try again in {count} minutes.' },
    retryInSeconds: { one: 'Try again in {count} second.', other: 'Try again in {count} seconds.' },
  },
};
