import { useTranslation } from 'react-i18next';
import type { Text } from '../../../core/contract/kiosk-api';

/**
 * "오늘은 공휴일(추석)이라 쉬어요": today's public holiday by its name (a translation keeps the
 * Korean name beside it; a day only the kiosk's operator configured has no name), and whether
 * this place is closed for it — never a bare "closed". The facility list and a facility's page.
 */
export function HolidayLine({ name, closed }: { name: Text | null; closed: boolean }) {
  const { t } = useTranslation();
  if (!name) return <>{closed ? t('facilities.holidayClosed') : t('facilities.holiday')}</>;
  return <>{t(closed ? 'facilities.holidayClosedNamed' : 'facilities.holidayNamed', { name: name.text })}</>;
}
