/** Read-aloud with the browser's speechSynthesis: speed, volume, replay and stop. */
import { useCallback, useEffect, useRef, useState } from 'react';

export const RATES = { slow: 0.75, normal: 1, fast: 1.3 } as const;
export const VOLUMES = { quiet: 0.4, medium: 0.7, loud: 1 } as const;
export type Rate = keyof typeof RATES;
export type Volume = keyof typeof VOLUMES;

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
