/** Escaping for report.html: text in elements and attributes, and JSON or code inside a script element. */

/** @example escapeHtml('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;' */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON that can sit inside `<script>`: `<` is written `\u003c`, so no `</script>` can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** JavaScript source that can sit inside `<script>` (a `</script` in a string or comment is broken up). */
export function scriptCode(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}
