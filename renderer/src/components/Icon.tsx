/** Simple line icons (decorative: always aria-hidden; the text beside them carries the meaning). */
const PATHS: Record<string, string> = {
  pregnancy: 'M12 21s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 11c0 5.6-7 10-7 10z',
  infant: 'M12 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm-6 18c0-4 2.7-7 6-7s6 3 6 7',
  school: 'M4 5h7a2 2 0 0 1 2 2v13a2 2 0 0 0-2-2H4zM20 5h-7a2 2 0 0 0-2 2v13a2 2 0 0 1 2-2h7z',
  youth: 'M4 8h16v11H4zM9 8V5h6v3',
  search: 'M10 4a6 6 0 1 1 0 12 6 6 0 0 1 0-12zm4.5 10.5L20 20',
  phone: 'M6 3h4l1.5 5-2.5 1.5a12 12 0 0 0 5.5 5.5L16 12.5l5 1.5v4a2 2 0 0 1-2 2A16 16 0 0 1 4 5a2 2 0 0 1 2-2z',
  finder: 'M9 11l3 3 8-8M20 12v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h9',
  home: 'M3 11l9-7 9 7M6 10v10h12V10',
  back: 'M15 5l-7 7 7 7',
  speaker: 'M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11',
  print: 'M7 9V3h10v6M7 17H4v-8h16v8h-3M7 14h10v7H7z',
  map: 'M12 21s-6-5.7-6-11a6 6 0 0 1 12 0c0 5.3-6 11-6 11zm0-13a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
};

export function Icon({ name, size = 40 }: { name: keyof typeof PATHS | string; size?: number }) {
  return (
    <svg aria-hidden="true" focusable="false" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className="icon">
      <path d={PATHS[name] ?? PATHS.search} />
    </svg>
  );
}
