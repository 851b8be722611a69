/**
 * A minimal XML writer for awsQuery responses. The tree has no XML library of its own (fast-xml-parser is banned
 * by the npm overrides, and @aws-sdk/xml-builder is only a transitive dependency), and writing is the easy half:
 * elements, attributes and escaped text, nothing else.
 *
 * Text comes from users (metric labels, dimension values, error messages quoting the request), so escaping must
 * hold for any string: & < > are escaped, and characters XML 1.0 cannot carry at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD, because a client's parser would reject the whole document otherwise.
 * Carriage returns are written as &#xD; so that a parser's line-end normalisation gives the original text back.
 */

// Allowed: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] (XML 1.0, production 2).
// With the u flag, a surrogate pair is one code point; a lone surrogate matches \uD800-\uDFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const SPECIAL = /[&<>"\r]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;' };

/** Text content (or an attribute value: quotes are escaped too), safe for any input string. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(SPECIAL, (c) => ENTITIES[c]);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function checkName(name: string): string {
  // Names come from service models, never from requests; a bad one is a bug worth failing loudly on.
  if (!NAME.test(name)) {
    throw new Error(`not an XML element or attribute name: ${JSON.stringify(name)}`);
  }
  return name;
}

/**
 * Builds a document as a list of string parts (joined once at the end: a GetMetricData page can hold 200,000
 * elements). Elements must be closed in order; `toString()` refuses a document with elements still open.
 */
export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private readonly open: string[] = [];

  start(name: string, attributes: Record<string, string> = {}): this {
    let tag = `<${checkName(name)}`;
    for (const [key, value] of Object.entries(attributes)) {
      tag += ` ${checkName(key)}="${escapeXml(value)}"`;
    }
    this.parts.push(`${tag}>`);
    this.open.push(name);
    return this;
  }

  end(name: string): this {
    const last = this.open.pop();
    if (last !== name) {
      throw new Error(`closing <${name}> but <${last ?? '(none)'}> is open`);
    }
    this.parts.push(`</${name}>`);
    return this;
  }

  /** <name>text</name> */
  leaf(name: string, text: string): this {
    checkName(name);
    this.parts.push(`<${name}>${escapeXml(text)}</${name}>`);
    return this;
  }

  /** <name/> */
  empty(name: string): this {
    this.parts.push(`<${checkName(name)}/>`);
    return this;
  }

  toString(): string {
    if (this.open.length > 0) {
      throw new Error(`unclosed elements: ${this.open.join(' > ')}`);
    }
    return this.parts.join('');
  }
}
