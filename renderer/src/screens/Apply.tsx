// placeholder until the form screens land (issue 14)
export function Apply(_: { service: string; counsellor: boolean; draftId?: string }) {
  return <h1>{_.service}</h1>;
}
