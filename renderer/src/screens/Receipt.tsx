// placeholder until the receipt screen lands (issue 14)
export function Receipt(_: { clientId: string; service: string; receipt: string | null; submitted: 'received' | 'requested' }) {
  return <h1>{_.receipt}</h1>;
}
