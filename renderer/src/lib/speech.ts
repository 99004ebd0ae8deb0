/** Read-aloud with the browser's speechSynthesis: speed, volume, replay and stop. */
import { useCallback, useEffect, useRef, useState } from 'react';

export const RATES = { slow: 0.75, normal: 1, fast: 1.3 } as const;
export const VOLUMES = { quiet: 0.4, medium: 0.7, loud: 1 } as const;
export type Rate = keyof typeof RATES;
export type Volume = keyof typeof VOLUMES;

/** What read-aloud says: the plain words of the screen, without web addresses (nobody wants "h-t-t-p-s colon slash slash" read out). */
export function plainForSpeech(text: string): string {
  return text
    .replace(/\b(?:https?:\/\/|www\.)[^\s)]+/gi, '')
    .replace(/\b[\w-]+(?:\.[\w-]+)*\.(?:kr|com|net|org)(?:\/[^\s)]*)?/gi, '')
    .replace(/\(\s*\)/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ +\n/g, '\n')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** The screen's text for read-aloud: parts marked data-speak="skip" (addresses, sources, QR codes) left out. */
export function screenText(root: HTMLElement | null): string {
  if (!root) return '';
  const copy = root.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('[data-speak="skip"], svg, .qr').forEach((el) => el.remove());
  // innerText of a detached node has no layout: textContent, with blocks on lines of their own
  copy.querySelectorAll('h1, h2, h3, p, li, dt, dd, button').forEach((el) => el.append('\n'));
  return plainForSpeech(copy.textContent ?? '');
}

export function useSpeech(voiceLang: string) {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  const [speaking, setSpeaking] = useState(false);
  const [rate, setRate] = useState<Rate>('normal');
  const [volume, setVolume] = useState<Volume>('loud');
  const last = useRef('');

  const stop = useCallback(() => {
    synth?.cancel();
    setSpeaking(false);
  }, [synth]);

  const speak = useCallback(
    (text: string) => {
      if (!synth || !text.trim()) return;
      synth.cancel();
      last.current = text;
      const u = new SpeechSynthesisUtterance(text);
      u.lang = voiceLang;
      u.rate = RATES[rate];
      u.volume = VOLUMES[volume];
      const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').startsWith(voiceLang.slice(0, 2)));
      if (voice) u.voice = voice;
      u.onend = () => setSpeaking(false);
      u.onerror = () => setSpeaking(false);
      setSpeaking(true);
      synth.speak(u);
    },
    [synth, voiceLang, rate, volume],
  );

  const replay = useCallback(() => speak(last.current), [speak]);
  useEffect(() => () => synth?.cancel(), [synth]);
  return { available: !!synth, speaking, speak, stop, replay, rate, setRate, volume, setVolume, hasLast: () => last.current !== '' };
}
