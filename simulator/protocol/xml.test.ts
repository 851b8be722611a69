import { escapeXml, XmlWriter } from './xml';

describe('escapeXml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`a<b>&"c"'`)).toBe(`a&lt;b&gt;&amp;&quot;c&quot;'`);
    expect(escapeXml(']]>')).toBe(']]&gt;');
  });

  it('keeps tabs and newlines, writes carriage returns as a character reference', () => {
    expect(escapeXml('a\tb\nc\rd')).toBe('a\tb\nc&#xD;d');
  });

  it('replaces characters XML 1.0 cannot carry with U+FFFD, keeping astral characters', () => {
    expect(escapeXml('a\u0000b\u0001c\u001fd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('x\uFFFEy\uFFFF')).toBe('x\uFFFDy\uFFFD');
    expect(escapeXml('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
    expect(escapeXml('emoji 📞 é')).toBe('emoji 📞 é');
  });
});

describe('XmlWriter', () => {
  it('writes nested elements, attributes, leaves and empty elements', () => {
    const xml = new XmlWriter()
      .start('Root', { xmlns: 'http://example.com/?a=1&b=2' })
      .leaf('Name', 'x < y')
      .empty('Nothing')
      .end('Root')
      .toString();
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Root xmlns="http://example.com/?a=1&amp;b=2"><Name>x &lt; y</Name><Nothing/></Root>'
    );
  });

  it('refuses to close the wrong element, to print an unfinished document, and bad names', () => {
    expect(() => new XmlWriter().start('A').end('B')).toThrow('closing <B> but <A> is open');
    expect(() => new XmlWriter().start('A').toString()).toThrow('unclosed elements: A');
    expect(() => new XmlWriter().leaf('a b', 'x')).toThrow('not an XML element or attribute name');
  });
});
