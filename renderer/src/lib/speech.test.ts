import { describe, expect, it } from 'vitest';
import { plainForSpeech } from './speech';

describe('what read-aloud says', () => {
  it('leaves web addresses out, in any form, and keeps the words around them', () => {
    expect(plainForSpeech('온라인 신청\nhttps://www.gov.kr/portal/onestopSvc/happyBirth\n전화 062-222-1279')).toBe('온라인 신청\n전화 062-222-1279');
    expect(plainForSpeech('www.광주아이키움.kr/main/contents/mom4_5 에서 신청')).toBe('에서 신청');
    expect(plainForSpeech('자세한 안내는 gjicare.or.kr 에 있어요.')).toBe('자세한 안내는 에 있어요.');
    expect(plainForSpeech('아이돌봄서비스 (www.idolbom.go.kr)')).toBe('아이돌봄서비스');
    expect(plainForSpeech('만 6세 이하, 1.5배')).toBe('만 6세 이하, 1.5배');
  });
});
