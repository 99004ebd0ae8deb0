import { isDistrict } from '../../../core/contract/lists';

type T = (key: string) => string;

/** A Gwangju district's name in the reader's language (the filter chips' words); any other place as written. */
export const districtName = (t: T, district: string): string => (isDistrict(district) ? t(`finder.a.district.${district}`) : district);
