import type { Text } from '../../../core/contract/kiosk-api';

/** Phone numbers, large, each with what it is for. */
export function PhoneList({ phones, big = false }: { phones: { number: string; label?: Text }[]; big?: boolean }) {
  return (
    <ul className="phones">
      {phones.map((p) => (
        <li key={p.number}>
          <span className={big ? 'phone-number big' : 'phone-number'}>{p.number}</span>
          {p.label && <span lang={p.label.lang}> — {p.label.text}</span>}
        </li>
      ))}
    </ul>
  );
}
