/**
 * The 아이친구(1279) centre's phone, from the catalogue (the faq call's centre): the way on for
 * anyone the kiosk cannot help further — who refused consent, whose receipt is not found, whose
 * kiosk is offline. A line with what to do and the number, large.
 */
import { api } from '../api';
import { useApi } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { PhoneList } from './PhoneList';

export function CentrePhone({ lead, big = false }: { lead: string; big?: boolean }) {
  const lang = useLang();
  const r = useApi((signal) => api.faq({ lang }, { signal }), [lang]);
  const phones = r.data?.centre?.phones ?? [];
  return (
    <section className="centre-phone" data-centre-phone={phones[0]?.number ?? ''}>
      <p className="centre-phone-lead">{lead}</p>
      {phones.length > 0 && <PhoneList phones={phones.slice(0, 1)} big={big} />}
    </section>
  );
}
