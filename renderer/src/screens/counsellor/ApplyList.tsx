/**
 * 가정 대신 신청하기: the services a counsellor applies for on a family's behalf, as big buttons;
 * each opens the apply screen in counsellor mode (drafts, the counsellor's name sealed with it).
 */
import { useTranslation } from 'react-i18next';
import { useNav } from '../../session';

/** The services with a form a family applies for (the outreach forms are the counsellor's own). */
export const ON_BEHALF_SERVICES = ['consultation-callback', 'gj-hospitalized-child-care', 'gj-emergency-childcare', 'gj-grandparent-caregiver'] as const;

export function ApplyList() {
  const { t } = useTranslation();
  const nav = useNav();
  return (
    <div className="counsellor" data-counsellor="apply-list">
      <h1>{t('counsellor.apply.title')}</h1>
      <p className="counsellor-lead">{t('counsellor.apply.hint')}</p>
      <ul className="counsellor-services">
        {ON_BEHALF_SERVICES.map((service) => (
          <li key={service}>
            <button type="button" className="answer" onClick={() => nav.go({ name: 'apply', service, counsellor: true })} data-apply-service={service}>
              {t(`forms.service.${service}`)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
