// placeholder until the counsellor mode lands (issue 14)
export function Counsellor() {
  return <h1>counsellor</h1>;
}
