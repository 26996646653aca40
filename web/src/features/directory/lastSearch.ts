// The directory's last search (its URL), so that an employee page leads back to the same list.
import { signal } from '@preact/signals';

export const lastDirectoryUrl = signal('/directory');

/** The employee page's address (ids are free text from the HR file, so they are encoded). */
export function employeeHref(employeeId: string): string {
  return `/directory/${encodeURIComponent(employeeId)}`;
}
