/**
 * A plan document as JSON text in pieces: exactly `JSON.stringify(value, null, 2)`, but a large
 * array of the top-level object (a fleet's `resources`) comes out a batch of entries at a time, so
 * that writing a 100,000-resource plan never holds its whole text (~170 MB) at once.
 */
export function* jsonTextChunks(value: object, batch = 500): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol");
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  let text = "{\n";
  for (const [i, [key, v]] of entries.entries()) {
    text += `  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      text += "[\n";
      for (let at = 0; at < v.length; at += batch) {
        const part = v.slice(at, at + batch).map((item: unknown) => `    ${(JSON.stringify(item, null, 2) ?? "null").replace(/\n/g, "\n    ")}`);
        text += part.join(",\n") + (at + batch < v.length ? ",\n" : "\n  ]");
        yield text;
        text = "";
      }
    } else {
      text += JSON.stringify(v, null, 2).replace(/\n/g, "\n  ");
    }
    text += i < entries.length - 1 ? ",\n" : "\n}";
  }
  yield text;
}
