/**
 * Made-up people for the outbox journeys: a distinct Korean name and mobile number each (so a
 * test can count every one at the hub and look for each in the device's files), the callback
 * form they submit, and the search of a folder's bytes for any of them in plain text.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const SYLLABLES = ['서', '민', '지', '현', '수', '영', '은', '하', '윤', '준', '예', '도', '시', '채', '유', '연'];

export interface Person {
  name: string;
  /** as typed on the form: 010-NNNN-NNNN */
  phone: string;
}

/** Person `i` (0 ≤ i < 2,560): the same i, the same person. */
export function person(i: number, tag = 0): Person {
  const name = `${SURNAMES[i % 10]}${SYLLABLES[Math.floor(i / 10) % 16]}${SYLLABLES[Math.floor(i / 160) % 16]}`;
  const n = 10_000_000 + tag * 100_000 + i * 37;
  return { name, phone: `010-${String(n).slice(0, 4)}-${String(n).slice(4, 8)}` };
}

/** Writes the callback form of `p` to a file outside any data folder (what a script would give `cli apply --form`). */
export function formFile(dir: string, p: Person, i: number): string {
  mkdirSync(dir, { recursive: true });
  const f = join(dir, `form-${i}.json`);
  writeFileSync(f, JSON.stringify({ name: p.name, phone: p.phone, topic: '아이돌봄 서비스 신청 방법', preferred_time: 'weekday_afternoon', consent: true }));
  return f;
}

/** The ways a phone number or name could lie in a file: UTF-8 as typed, digits only, and UTF-16 (a Windows tool, a JS heap dump). */
function needles(p: Person): Buffer[] {
  const digits = p.phone.replace(/-/g, '');
  return [Buffer.from(p.name, 'utf8'), Buffer.from(p.name, 'utf16le'), Buffer.from(p.phone), Buffer.from(digits), Buffer.from(p.phone, 'utf16le')];
}

/** Every file under `dir` (recursively) that holds any of these people in plain text: [file, what]. */
export function plainTextOf(dir: string, people: Person[]): string[] {
  const found: string[] = [];
  const look = (d: string) => {
    for (const n of readdirSync(d)) {
      const f = join(d, n);
      const st = statSync(f);
      if (st.isDirectory()) look(f);
      else if (st.isFile()) {
        const bytes = readFileSync(f);
        for (const p of people) for (const needle of needles(p)) if (bytes.includes(needle)) found.push(`${f}: ${needle.toString(needle.length && needle[1] === 0 ? 'utf16le' : 'utf8')}`);
      }
    }
  };
  look(dir);
  return found;
}

/** Text (logs, outputs) that holds any of these people: what it holds. */
export function plainTextIn(text: string, people: Person[]): string[] {
  return people.flatMap((p) => [p.name, p.phone, p.phone.replace(/-/g, '')].filter((s) => text.includes(s)));
}

/** Folders not 0700 and files not 0600 under `dir` (and `dir` itself). */
export function notPrivate(dir: string): string[] {
  const bad: string[] = [];
  const look = (d: string) => {
    const m = statSync(d).mode & 0o777;
    if (m !== 0o700) bad.push(`${d} ${m.toString(8)}`);
    for (const n of readdirSync(d)) {
      const f = join(d, n);
      const st = statSync(f);
      if (st.isDirectory()) look(f);
      else if ((st.mode & 0o777) !== 0o600) bad.push(`${f} ${(st.mode & 0o777).toString(8)}`);
    }
  };
  look(dir);
  return bad;
}
