// Entry point: styles, language, then ask the server who we are before the first page.
import { render } from 'preact';
import './styles/tokens.css';
import './styles/base.css';
import { App, Login } from './app';
import { loadSession } from './state/session';

// Fetch the login page's code while /auth/me is in flight: most first visits end there.
void Login.preload();
void loadSession();
render(<App />, document.getElementById('app')!);
