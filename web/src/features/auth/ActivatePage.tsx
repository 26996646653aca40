// /activate#token=…: an account's first password (see LinkPasswordPage).
import { LinkPasswordPage } from './LinkPasswordPage';

export default function ActivatePage() {
  return <LinkPasswordPage purpose="activation" />;
}
