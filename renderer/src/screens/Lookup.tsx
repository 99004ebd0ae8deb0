// placeholder until the receipt lookup lands (issue 14)
export function Lookup() {
  return <h1>lookup</h1>;
}
