// /reset-password#token=…: a new password by an e-mailed link (see LinkPasswordPage).
import { LinkPasswordPage } from './LinkPasswordPage';

export default function ResetPasswordPage() {
  return <LinkPasswordPage purpose="reset" />;
}
