/** The pinyin keyboard's words: from the catalogue in use (the real one), spelled by toneless pinyin, gathered again when the catalogue is replaced. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { testCore } from '../../tests/env.node.js';
import { buildLexicon, candidates, readingsOf, spell } from './pinyin.js';
import { TABLE_FILE, tableSource } from '../../build/pinyin-table.mjs';

const found = (letters: string, lexicon = ['育儿津贴', '儿童', '育儿', '尿布', '女性', '绿色', '略', '祖父母']) => candidates(buildLexicon([], lexicon), letters);

describe('spelling words in toneless pinyin', () => {
  it('whole syllables, the last one begun, or initials', () => {
    const yuer = [readingsOf('育'), readingsOf('儿')];
    expect(spell(yuer, 'yuer')).toEqual({ quality: 3, pinyin: ['yu', 'er'] });
    expect(spell(yuer, 'yue')).toEqual({ quality: 2, pinyin: ['yu', 'er'] });
    expect(spell(yuer, 'ye')?.quality).toBe(1);
    expect(spell(yuer, 'yuerx')).toBeNull();
    expect(spell(yuer, 'er')).toBeNull();
  });
  it('ü is typed v (lüe and nüe also as lue and nue)', () => {
    expect(readingsOf('女')).toContain('nv');
    expect(readingsOf('绿')).toContain('lv');
    expect(readingsOf('略')).toEqual(expect.arrayContaining(['lve', 'lue']));
    expect(found('nvxing')[0]?.text).toBe('女性');
    expect(found('lvse')[0]?.text).toBe('绿色');
  });
  it('offers the words the whole letters spell first: longer words, whole syllables before a cut one, then how often the catalogue uses them', () => {
    expect(found('yuer')[0]).toEqual({ text: '育儿', pinyin: 'yu er', letters: 4 });
    expect(found('yue')[0]?.text).toBe('育儿');
    expect(found('yuerjintie')[0]).toEqual({ text: '育儿津贴', pinyin: 'yu er jin tie', letters: 10 });
    expect(found('zufumu')[0]?.text).toBe('祖父母');
    expect(found('ye').map((c) => c.text)).toContain('育儿'); // initials
    // a frequent word before a rare one of the same length and fit
    const often = candidates(buildLexicon(['电话 电话 电话', '店'], []), 'dian');
    expect(often.map((c) => c.text).slice(0, 2)).toEqual(['电', '店']);
  });
  it('a word that spells only the beginning takes only those letters, leaving whole syllables behind first', () => {
    const c = found('yuerbao');
    expect(c[0]).toEqual({ text: '育儿', pinyin: 'yu er', letters: 4 });
    const yu = found('yuer', ['育', '月']);
    expect(yu.map((x) => [x.text, x.letters])).toEqual([
      ['育', 2], // leaves "er", a whole syllable
      ['月', 3], // leaves "r"
    ]);
  });
  it('gathers words: characters, short texts whole, runs used at least twice among different neighbours — not pieces of a longer word, nor runs ending in a particle', () => {
    const words = buildLexicon(['申请育儿津贴。育儿的支援。有育儿假', '育儿津贴和儿童', '医院儿童 医院儿童'], ['尿布']).map((w) => w.text);
    expect(words).toEqual(expect.arrayContaining(['育', '儿', '育儿', '尿布']));
    expect(words).not.toContain('育儿津'); // always followed by 贴
    expect(words).not.toContain('院儿'); // always 医院儿童
    expect(words).not.toContain('儿的'); // ends in a particle
  });
});

describe('the pinyin call, on the catalogue in use', () => {
  it('offers Chinese words of the loaded catalogue: 育儿 for yuer and yue, 尿布 (a synonym) for niaobu, 疫苗 for yimiao', async () => {
    const { core } = testCore();
    const call = async (letters: string) => {
      const r = await core.channel.call('pinyin', { letters });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { candidates: { text: string; letters: number }[]; total: number };
    };
    expect((await call('yuer')).candidates[0]).toMatchObject({ text: '育儿', letters: 4 });
    expect((await call('yue')).candidates[0]?.text).toBe('育儿');
    expect((await call('niaobu')).candidates[0]?.text).toBe('尿布');
    expect((await call('yimiao')).candidates[0]?.text).toBe('疫苗');
    expect((await call('zufumu')).candidates[0]?.text).toBe('祖父母');
    // a title of the catalogue, whole: 光州出生育儿津贴
    expect((await call('guangzhouchushengyuerjintie')).candidates[0]?.text).toBe('光州出生育儿津贴');
    const y = await call('y');
    expect(y.total).toBeGreaterThan(y.candidates.length); // a first page of 60, and how many in all
    expect(y.candidates).toHaveLength(60);
    // bad letters name their field
    expect(await core.channel.call('pinyin', { letters: 'Yu er' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'letters' } });
    expect(await core.channel.call('pinyin', { letters: '' })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'letters' } });
    await core.close();
  });

  it('gathers the words again when the catalogue is replaced', async () => {
    const { core } = testCore();
    const first = async (letters: string) => {
      const r = await core.channel.call('pinyin', { letters });
      return r.ok ? (r.value as { candidates: { text: string }[] }).candidates[0]?.text : r.error.message;
    };
    expect(await first('xiongmao')).not.toBe('熊猫');
    expect(await first('guangzhouchushengyuerjintie')).toBe('光州出生育儿津贴');
    // a catalogue update changes that entry's Chinese title
    core.catalogue.changeInPlace((db) => {
      db.prepare("UPDATE entry SET data = json_set(data, '$.title.zh', '熊猫') WHERE id = 'gj-birth-childcare-allowance'").run();
      db.prepare("UPDATE catalogue_meta SET value = value || '-panda' WHERE key = 'version'").run();
    });
    expect(await first('xiongmao')).toBe('熊猫');
    expect(await first('guangzhouchushengyuerjintie')).not.toBe('光州出生育儿津贴');
    await core.close();
  });
});

describe('the table', () => {
  it('is what build/pinyin-table.mjs makes from the pinyin-pro installed (GB 2312 and every character of the catalogue source)', () => {
    expect(readFileSync(TABLE_FILE, 'utf8')).toBe(tableSource());
  });
});
