import { AwsError } from './awsError';
import { decodeQueryInput, paramTree, parseQueryTimestamp } from './awsQueryDecode';
import { encodeQueryError, encodeQueryResponse, isoTimestamp } from './awsQueryEncode';
import { boolean, double, integer, list, map, string, structure, timestamp } from './shapes';

const input = structure({
  Name: string,
  Count: integer,
  Ratio: double,
  On: boolean,
  At: timestamp,
  Items: list(structure({ Id: string, Tags: list(string) })),
  Options: structure({ Zone: string }),
  Labels: map(string),
});

const decode = (body: string) => decodeQueryInput(input, paramTree(new URLSearchParams(body)));

function errorOf(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AwsError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected an AwsError');
}

describe('awsQuery parameters to the JSON input shape', () => {
  it('reads scalars, lists as .member.N, structures with dots and maps as .entry.N', () => {
    const body = [
      'Action=Op&Version=2010-08-01&Name=a%20b%26c',
      'Count=-12&Ratio=2.5e3&On=true&At=2026-11-18T17%3A00%3A00Z',
      'Items.member.2.Id=second&Items.member.1.Id=first&Items.member.1.Tags.member.1=x',
      'Items.member.2.Tags=',
      'Options.Zone=eu&Labels.entry.1.key=k&Labels.entry.1.value=v&Unknown=ignored',
    ].join('&');
    expect(decode(body)).toEqual({
      Name: 'a b&c',
      Count: -12,
      Ratio: 2500,
      On: true,
      At: Date.parse('2026-11-18T17:00:00Z') / 1000,
      Items: [
        { Id: 'first', Tags: ['x'] },
        { Id: 'second', Tags: [] },
      ],
      Options: { Zone: 'eu' },
      Labels: { k: 'v' },
    });
  });

  it('reads timestamps as SDKs write them (ISO 8601 with or without fraction or offset), or epoch seconds', () => {
    expect(parseQueryTimestamp('2026-11-18T17:00:00Z')).toBe(1_795_021_200);
    expect(parseQueryTimestamp('2026-11-18T17:00:00.250000Z')).toBe(1_795_021_200.25);
    expect(parseQueryTimestamp('2026-11-18T18:00:00+01:00')).toBe(1_795_021_200);
    expect(parseQueryTimestamp('2026-11-18T18:00:00+0100')).toBe(1_795_021_200);
    expect(parseQueryTimestamp('1795021200')).toBe(1_795_021_200);
    expect(parseQueryTimestamp('yesterday')).toBeUndefined();
    expect(parseQueryTimestamp('2026-13-45T17:00:00Z')).toBeUndefined();
  });

  it('keeps map keys out of the prototype chain', () => {
    const out = decode('Labels.entry.1.key=__proto__&Labels.entry.1.value=polluted') as { Labels: object };
    expect(Object.getPrototypeOf(out.Labels)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out.Labels, '__proto__')?.value).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['Count=1.5', /1\.5 for parameter Count is not a valid integer/],
    ['Count=99999999999999999999', /not a valid integer/],
    ['Ratio=abc', /abc for parameter Ratio is not a valid number/],
    ['On=yes', /yes for parameter On is not a valid boolean/],
    ['At=tomorrow', /tomorrow for parameter At is not a valid timestamp/],
    ['Items.1.Id=x', /parameter Items must be a list: give its items as Items\.member\.1/],
    ['Items.member.0.Id=x', /Items\.member\.0 is not valid/],
    ['Items.member.1.Id=a&Items.member.3.Id=c', /Items\.member\.3 has no Items\.member\.2/],
    ['Items.member.x.Id=a', /Items\.member\.x is not valid/],
    ['Options=flat', /parameter Options is a structure/],
    ['Name.Sub=x', /parameter Name must be a single value/],
    ['Labels.entry.1.key=k', /Labels\.entry\.1 needs both/],
    ['Name=a&Name=b', /parameter Name appears more than once/],
  ])('refuses %s naming the parameter', (body, message) => {
    const err = errorOf(() => decode(body));
    expect(err.options.queryCode).toBe('InvalidParameterValue');
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });
});

describe('XML responses', () => {
  const output = structure({
    Results: list(structure({ Id: string, Times: list(timestamp), Values: list(double), Stats: map(double) })),
    NextToken: string,
    Flag: boolean,
  });
  const spec = { action: 'Op', xmlNamespace: 'http://ns/', output, resultWrapper: 'OpResult' };

  it('writes members in model order, lists as <member>, ISO timestamps, absent members left out', () => {
    const xml = encodeQueryResponse(
      spec,
      {
        Flag: false,
        Results: [
          {
            Values: [1.5, -0, 1e21, Number.NaN],
            Id: 'a<1>',
            Times: [1_795_021_200, 1_795_021_200.5],
            Stats: { p99: 2 },
          },
          { Id: 'b', Times: [], Values: [], Extra: 'ignored' },
        ],
        NextToken: null,
      },
      'req-1'
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<OpResponse xmlns="http://ns/"><OpResult><Results>' +
        '<member><Id>a&lt;1&gt;</Id><Times><member>2026-11-18T17:00:00Z</member><member>2026-11-18T17:00:00.500Z</member></Times>' +
        '<Values><member>1.5</member><member>0</member><member>1e+21</member><member>NaN</member></Values>' +
        '<Stats><entry><key>p99</key><value>2</value></entry></Stats></member>' +
        '<member><Id>b</Id><Times/><Values/></member>' +
        '</Results><Flag>false</Flag></OpResult>' +
        '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></OpResponse>'
    );
  });

  it('writes errors as ErrorResponse with Type, Code, Message and RequestId', () => {
    expect(
      encodeQueryError('http://ns/', { type: 'Sender', code: 'Throttling', message: 'Rate "exceeded"' }, 'req-2')
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="http://ns/"><Error><Type>Sender</Type>' +
        '<Code>Throttling</Code><Message>Rate &quot;exceeded&quot;</Message></Error><RequestId>req-2</RequestId></ErrorResponse>'
    );
  });

  it('writes whole seconds without milliseconds', () => {
    expect(isoTimestamp(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoTimestamp(0.001)).toBe('1970-01-01T00:00:00.001Z');
  });
});
