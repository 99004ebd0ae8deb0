import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { EntryButton } from '../components/EntryButton';
import { HolidayLine } from '../components/HolidayLine';
import { Icon } from '../components/Icon';
import { PhoneList } from '../components/PhoneList';
import { PrintSheetButtons } from '../components/PrintSheet';
import { LoadFailed } from '../components/LoadFailed';
import { ageText, sourceDate } from '../../../core/contract/age';
import { useApi } from '../lib/use-api';
import { useLang } from '../lib/use-lang';
import { useNav } from '../session';
import type { EntryView, Text } from '../../../core/contract/kiosk-api';
import { districtName, scopeName } from '../lib/district';

function Field({ title, text, children, sub = false }: { title: string; text?: Text; children?: ReactNode; /** a part of the agency card (an h3 under its h2) */ sub?: boolean }) {
  if (!text && !children) return null;
  const H = sub ? 'h3' : 'h2';
  return (
    <section className="field">
      <H>{title}</H>
      {text && <p lang={text.lang}>{text.text}</p>}
      {children}
    </section>
  );
}

function ageLine(e: EntryView, t: (k: string, o?: Record<string, unknown>) => string): string | null {
  const parts = [ageText(e.eligibility, t)].filter(Boolean);
  if (e.eligibility?.applicantMaxAge !== undefined) parts.push(t('entry.applicantAge', { age: e.eligibility.applicantMaxAge }));
  return parts.length ? parts.join(' · ') : null;
}

/**
 * 여기서 신청하기: for an entry the kiosk has a form for (the entry says so: hasForm; the form's view says whether only a counsellor may use it),
 * a big button to the apply screen, above the way through the agency.
 */
function ApplyHere({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { go } = useNav();
  const r = useApi((signal) => api.formView({ service: id, lang }, { signal }), [id, lang]);
  if (!r.data || r.data.counsellorOnly) return null;
  return (
    <section className="apply-here" data-apply-here={id}>
      <button type="button" className="big-button" onClick={() => go({ name: 'apply', service: id })} data-action="apply-here">
        {t('apply.here')}
      </button>
      <p className="hint">{t('apply.hereHint')}</p>
    </section>
  );
}

export function Entry({ id, onReadAloud }: { id: string; onReadAloud: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const r = useApi((signal) => api.entry({ id, lang }, { signal }), [id, lang]);
  if (r.error) return <LoadFailed error={r.error} onRetry={r.retry} />;
  if (!r.data) return <p>{t('loading')}</p>;
  const e = r.data;
  const texts = [e.title, e.summary, e.who, e.what, e.amount?.text, e.howToApply, e.where].filter(Boolean) as Text[];
  const someKorean = lang !== 'ko' && texts.some((x) => x.lang === 'ko');
  const age = ageLine(e, t);
  // a policy's or service's way to apply reads as one card: how, where, what to bring, the phone, the online page
  const agency = e.kind !== 'facility' && Boolean(e.howToApply || e.documents || e.onlineUrl);
  const howParts = (
    <>
      <Field title={t('entry.howToApply')} text={e.howToApply} sub={agency} />
      <Field title={t('entry.where')} text={e.where} sub={agency}>
        {e.location && (
          <>
            <p>
              {t('entry.address')}: <span lang={e.location.address.lang}>{e.location.address.text}</span>
            </p>
            {e.location.geoPrecision === 'dong' && <p className="note">{t('entry.locationApprox', { dong: e.location.dong })}</p>}
            {e.location.geoPrecision === 'district' && <p className="note">{t('entry.locationApproxDistrict', { district: districtName(t, e.location.district ?? e.district ?? '') })}</p>}
            {e.location.geoPrecision === 'unknown' && <p className="note">{t('entry.locationUnknown')}</p>}
          </>
        )}
      </Field>
      {e.documents && (
        <Field title={t('entry.documents')} sub={agency}>
          <ul lang={e.documents.lang}>
            {e.documents.items.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </Field>
      )}
      {e.phones.length > 0 && (
        <Field title={t('entry.phone')} sub={agency}>
          <PhoneList phones={e.phones} />
        </Field>
      )}
      {e.onlineUrl && (
        <Field title={t('entry.online')} sub={agency}>
          <div className="online">
            {e.onlineQr && <div className="qr" role="img" aria-label={t('entry.onlineQr')} dangerouslySetInnerHTML={{ __html: e.onlineQr }} />}
            <div>
              <p className="url" data-speak="skip">
                {e.onlineText ?? e.onlineUrl}
              </p>
              {e.onlineQr && <p className="hint">{t('entry.onlineScan')}</p>}
            </div>
          </div>
        </Field>
      )}
    </>
  );
  return (
    <article className="entry">
      <header>
        <h1 lang={e.title.lang}>{e.title.text}</h1>
        {e.officialTitle && e.officialTitle.text !== e.title.text && (
          <p className="official">
            {t('entry.official')}: <span lang={e.officialTitle.lang}>{e.officialTitle.text}</span>
          </p>
        )}
        {e.translatedByTeam && (
          <p className="translated" data-translated>
            {t('entry.translatedByTeam')}
          </p>
        )}
        <p className="badges">
          <span className={`badge kind-${e.kind}`}>{t(`kind.${e.kind}`)}</span>
          <span className="badge">{scopeName(t, e.scope, e.district)}</span>
          {e.status === 'discontinued' && <span className="badge warn">{t('entry.discontinued')}</span>}
        </p>
        {someKorean && <p className="note" role="note">{t('entry.onlyKorean')}</p>}
        <p className="summary" lang={e.summary.lang}>
          {e.summary.text}
        </p>
        <div className="entry-actions">
          <button type="button" className="action-button" onClick={onReadAloud}>
            <Icon name="speaker" size={32} /> {t('entry.readAloud')}
          </button>
          <PrintSheetButtons id={e.id} title={e.title.text} />
        </div>
      </header>
      {e.kind !== 'facility' && e.hasForm && <ApplyHere id={e.id} />}
      {e.verifyBeforeUse && (
        <p className="note warn" role="note" data-verify="">
          {t('entry.verifyBeforeUse')}
          {e.verifyPhone && (
            <>
              {' '}
              <strong className="verify-phone">
                {t('entry.verifyCall', { phone: e.verifyPhone.number, label: e.verifyPhone.label ? ` — ${e.verifyPhone.label.text}` : '' })}
              </strong>
            </>
          )}
        </p>
      )}
      <Field title={t('entry.who')} text={e.who}>
        {age && <p className="age">{age}</p>}
      </Field>
      <Field title={t('entry.what')} text={e.what} />
      {e.amount && (
        <Field title={t('entry.amount')} text={e.amount.text}>
          <p className="year">{t('entry.amountYear', { year: e.amount.year })}</p>
          {!e.amount.current && (
            <p className="stale" data-stale>
              {e.amount.until ? t('entry.amountExpired', { until: e.amount.until }) : t('entry.amountOld', { year: e.amount.year })}
              {e.verifyPhone && <strong> {e.verifyPhone.number}</strong>}
            </p>
          )}
        </Field>
      )}
      {agency ? (
        <section className="agency-card" data-agency={e.id}>
          <h2>{t('apply.agencyTitle')}</h2>
          {howParts}
        </section>
      ) : (
        howParts
      )}
      {e.schedules.length > 0 && (
        <Field title={t('entry.hours')}>
          {e.holidayToday && (
            <p className="holiday-today" data-holiday={e.holidayToday.closed ? 'closed' : 'open'}>
              <HolidayLine name={e.holidayToday.name} closed={e.holidayToday.closed} />
            </p>
          )}
          <ul>
            {e.schedules.map((s, i) => (
              <li key={i}>
                {s.byday.map((d) => t(`day.${d}`)).join('·')} {s.opensAt} ~ {s.overnight ? `${t('entry.overnight')} ` : ''}
                {s.closesAt}
                {s.closedOnHolidays && ` (${t('entry.holidaysClosed')})`}
                {s.note && (
                  <span className="hint" lang={s.note.lang}>
                    {' '}
                    — {s.note.text}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </Field>
      )}
      {e.related.length > 0 && (
        <Field title={e.kind === 'facility' ? t('entry.relatedServices') : t('entry.relatedFacilities')}>
          <ul className="entry-list">
            {e.related.map((x) => (
              <EntryButton key={x.id} item={x} />
            ))}
          </ul>
        </Field>
      )}
      {e.history.length > 0 && (
        <Field title={t('entry.history')}>
          {lang !== 'ko' && e.history.some((h) => h.text.lang === 'ko') && (
            <p className="note" role="note" data-only-korean="history">
              {t('entry.partOnlyKorean')}
            </p>
          )}
          {e.history.map((h) => (
            <p key={h.year} lang={h.text.lang}>
              ({h.year}) {h.text.text}
            </p>
          ))}
        </Field>
      )}
      <section className="field sources" data-speak="skip">
        <h2>{t('entry.sources')}</h2>
        <p>{t('entry.lastVerified', { date: e.lastVerified })}</p>
        <ul>
          {e.sources.map((s, i) => (
            <li key={i}>
              {s.title} ({sourceDate(t, s.date)}){s.url ? ` — ${s.url}` : ''}
            </li>
          ))}
        </ul>
        {e.sourceNotes && (
          <p className="source-notes" lang={e.sourceNotes.lang}>
            {lang !== 'ko' && e.sourceNotes.lang === 'ko' && <span lang={lang}>({t('entry.partOnlyKorean')}) </span>}
            {e.sourceNotes.text}
          </p>
        )}
      </section>
    </article>
  );
}
