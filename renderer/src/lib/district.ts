import { isDistrict } from '../../../core/contract/lists';

type T = (key: string) => string;

/** A Gwangju district's name in the reader's language (the filter chips' words); any other place as written. */
export const districtName = (t: T, district: string): string => (isDistrict(district) ? t(`finder.a.district.${district}`) : district);

/** Where an entry applies, as its badge says it: nationwide, all of Gwangju, or its district (a district entry always names one; the city if not). */
export const scopeName = (t: T, scope: 'national' | 'gwangju' | 'district', district?: string | null): string =>
  scope === 'district' && district ? districtName(t, district) : t(`scope.${scope === 'district' ? 'gwangju' : scope}`);
