/**
 * Gwangju's bounding box, for telling a place in Gwangju from a wrong or swapped coordinate.
 *
 * How the numbers were found (2026-12-01): the bounding box of every coordinate in the six
 * boundary files in ../shared/data/geo (KOSTAT 2018 자치구/행정동 from southkorea/southkorea-maps,
 * full and simplified; admdongkor 2021-04 행정동 and 2022 자치구) is
 * lon 126.644988–127.02224, lat 35.050997–35.258952 (the files agree to 0.0015°). A margin of
 * 0.05° (about 4.5 km east–west, 5.5 km north–south) is added on each side for newer boundaries
 * and surveyed points on the edge, and the result rounded outward to 0.01°. Only these four
 * numbers are kept: no boundary data, nor anything else derived from it, is in the repository.
 */
export const GWANGJU_BOUNDS = { minLon: 126.59, maxLon: 127.08, minLat: 35.0, maxLat: 35.31 } as const;

export const inGwangju = (lon: number, lat: number): boolean =>
  lon >= GWANGJU_BOUNDS.minLon && lon <= GWANGJU_BOUNDS.maxLon && lat >= GWANGJU_BOUNDS.minLat && lat <= GWANGJU_BOUNDS.maxLat;

/** The box in words, for error messages. */
export const GWANGJU_BOUNDS_TEXT = `lon ${GWANGJU_BOUNDS.minLon}–${GWANGJU_BOUNDS.maxLon}, lat ${GWANGJU_BOUNDS.minLat.toFixed(2)}–${GWANGJU_BOUNDS.maxLat}`;
