#!/usr/bin/env python3
"""Drives the simulator with botocore (through boto3 when it can be imported) and checks what an AWS client sees.

    python3 test/conformance/botocore_conformance.py --endpoint http://127.0.0.1:4599 [--region us-east-1]

Debian's botocore 1.29 speaks CloudWatch's query protocol (form-encoded, XML answers); a current botocore speaks
AWS JSON 1.0. Either way the same checks must pass. The script finds what it needs itself (the simulated clock
from /_sim/clock, the instance and its queues through Connect), runs Connect, Chime SDK Voice, Voice ID and
CloudWatch calls, checks them, and prints one JSON report on stdout: the versions, the exact CloudWatch requests
it sent and what came back (timestamps as epoch seconds), so that a test can send the same requests through other
clients and compare. Exit status 1 and a message on stderr when a check fails.
"""

import argparse
import datetime as dt
import json
import os
import sys
import urllib.request

import botocore
import botocore.config
import botocore.session
from botocore.exceptions import ClientError

try:
    import boto3
except ImportError:  # botocore alone is enough; boto3 is only the usual way in
    boto3 = None


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def epoch(value):
    return value.timestamp()


def iso(seconds):
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def make_client(service, endpoint, region):
    kwargs = dict(endpoint_url=endpoint, region_name=region,
                  aws_access_key_id='AKIDCONFORMANCE', aws_secret_access_key='conformance')
    config = botocore.config.Config(retries={'max_attempts': 1})
    if boto3 is not None:
        try:
            return boto3.session.Session().client(service, config=config, **kwargs)
        except Exception:  # a boto3 too old for this botocore: fall back to botocore itself
            pass
    return botocore.session.get_session().create_client(service, config=config, **kwargs)


def error_of(call):
    """The error code, HTTP status and message of a call that must fail."""
    try:
        call()
    except ClientError as err:
        return {
            'code': err.response['Error'].get('Code'),
            'status': err.response['ResponseMetadata'].get('HTTPStatusCode'),
            'message': err.response['Error'].get('Message'),
        }
    raise CheckFailed('the call succeeded but must fail')


def simulated_now(endpoint):
    with urllib.request.urlopen(endpoint.rstrip('/') + '/_sim/clock', timeout=10) as res:
        return json.load(res)['nowMs'] / 1000


def metric_results(results):
    return [{
        'Id': r['Id'],
        'Label': r['Label'],
        'Timestamps': [epoch(t) for t in r['Timestamps']],
        'Values': r['Values'],
        'StatusCode': r['StatusCode'],
    } for r in results]


def datapoints(points):
    out = []
    for p in sorted(points, key=lambda p: p['Timestamp']):
        q = dict(p)
        q['Timestamp'] = epoch(p['Timestamp'])
        out.append(q)
    return out


def connect_checks(endpoint, region, report):
    connect = make_client('connect', endpoint, region)
    instances = connect.list_instances()['InstanceSummaryList']
    check(len(instances) >= 1, 'ListInstances: no instance in ' + region)
    instance = instances[0]
    check(isinstance(instance['CreatedTime'], dt.datetime), 'ListInstances: CreatedTime is not a timestamp')
    queues = connect.list_queues(InstanceId=instance['Id'], QueueTypes=['STANDARD'])['QueueSummaryList']
    check(len(queues) >= 2, 'ListQueues: fewer than two standard queues')
    current = connect.get_current_metric_data(
        InstanceId=instance['Id'],
        Filters={'Queues': [q['Id'] for q in queues], 'Channels': ['VOICE']},
        Groupings=['QUEUE'],
        CurrentMetrics=[{'Name': 'AGENTS_ONLINE', 'Unit': 'COUNT'}, {'Name': 'CONTACTS_IN_QUEUE', 'Unit': 'COUNT'}],
    )
    rows = current['MetricResults']
    check(len(rows) >= 2, 'GetCurrentMetricData: fewer than two rows')
    check(all(len(r['Collections']) == 2 for r in rows), 'GetCurrentMetricData: a row without both metrics')
    check(isinstance(current['DataSnapshotTime'], dt.datetime), 'GetCurrentMetricData: DataSnapshotTime')
    report['connect'] = {
        'instanceId': instance['Id'],
        'instanceAlias': instance['InstanceAlias'],
        'queues': sorted(q['Name'] for q in queues),
        'currentRows': len(rows),
    }
    # The two queues with the most agents online (ties by name): open queues, so their CloudWatch data moves.
    online = {r['Dimensions']['Queue']['Id']: r['Collections'][0]['Value'] for r in rows}
    busiest = sorted(queues, key=lambda q: (-online.get(q['Id'], 0), q['Name']))[:2]
    return instance, busiest


def other_service_checks(endpoint, region, report):
    chime = make_client('chime-sdk-voice', endpoint, region)
    connectors = chime.list_voice_connectors()['VoiceConnectors']
    check(len(connectors) >= 1, 'ListVoiceConnectors: none')
    voiceid = make_client('voice-id', endpoint, region)
    domains = voiceid.list_domains()['DomainSummaries']
    check(len(domains) >= 1, 'ListDomains: none')
    report['chime'] = {'voiceConnectors': sorted(c['Name'] for c in connectors)}
    report['voiceid'] = {'domains': sorted(d['Name'] for d in domains)}


def queue_size(instance_id, queue_name):
    return {
        'Namespace': 'AWS/Connect',
        'MetricName': 'QueueSize',
        'Dimensions': [
            {'Name': 'InstanceId', 'Value': instance_id},
            {'Name': 'MetricGroup', 'Value': 'Queue'},
            {'Name': 'QueueName', 'Value': queue_name},
        ],
    }


def cloudwatch_checks(endpoint, region, instance, queues, report):
    cw = make_client('cloudwatch', endpoint, region)
    # What the client really speaks: a botocore that reads the model's "protocols" list picks from it.
    report['cloudwatchResolvedProtocol'] = getattr(cw.meta.service_model, 'resolved_protocol',
                                                   cw.meta.service_model.protocol)
    now = simulated_now(endpoint)
    end = int(now // 300) * 300
    start = end - 3 * 3600
    first, second = (q['Name'] for q in queues)
    voice = {
        'Namespace': 'AWS/Connect',
        'MetricName': 'ConcurrentCalls',
        'Dimensions': [{'Name': 'InstanceId', 'Value': instance['Id']}, {'Name': 'MetricGroup', 'Value': 'VoiceCalls'}],
    }
    gmd = {
        'MetricDataQueries': [
            {'Id': 'queue_a', 'MetricStat': {'Metric': queue_size(instance['Id'], first), 'Period': 300,
                                            'Stat': 'Maximum'}, 'Label': first},
            {'Id': 'queue_b', 'MetricStat': {'Metric': queue_size(instance['Id'], second), 'Period': 300,
                                            'Stat': 'Maximum'}, 'Label': second},
            {'Id': 'calls', 'MetricStat': {'Metric': voice, 'Period': 300, 'Stat': 'Average'}, 'ReturnData': False},
            {'Id': 'e_sum', 'Expression': 'queue_a + queue_b', 'Label': 'both queues'},
            {'Id': 'e_queues', 'Expression': "SUM(METRICS('queue'))"},
            {'Id': 'e_all', 'Expression': 'SUM(METRICS())'},
            {'Id': 'e_filled', 'Expression': "FILL(METRICS('queue'), 0) * 2", 'Label': 'Doubled:'},
            {'Id': 'e_busy', 'Expression': 'IF(calls > 1, calls, 0)'},
        ],
        'StartTime': iso(start),
        'EndTime': iso(end),
        'ScanBy': 'TimestampAscending',
    }
    results = metric_results(cw.get_metric_data(**gmd)['MetricDataResults'])
    by_id = {}
    for r in results:
        by_id.setdefault(r['Id'], []).append(r)
    ids = [r['Id'] for r in results]
    # FILL of the two queues is an array: two results with the expression's Id
    expected = ['queue_a', 'queue_b', 'e_sum', 'e_queues', 'e_all', 'e_filled', 'e_filled', 'e_busy']
    check(ids == expected, 'GetMetricData: results %s' % ids)
    queue_a, queue_b = by_id['queue_a'][0], by_id['queue_b'][0]
    check(len(queue_a['Timestamps']) == 36, 'GetMetricData: 36 five-minute buckets expected in 3 hours, got %d'
          % len(queue_a['Timestamps']))
    check(queue_a['Timestamps'][0] == start, 'GetMetricData: first timestamp is not StartTime')
    check(by_id['e_sum'][0]['Values'] == [a + b for a, b in zip(queue_a['Values'], queue_b['Values'])],
          'GetMetricData: queue_a + queue_b is not the sum of the two')
    check(by_id['e_queues'][0]['Values'] == by_id['e_sum'][0]['Values'],
          "GetMetricData: SUM(METRICS('queue')) differs from queue_a + queue_b")
    check([r['Label'] for r in by_id['e_filled']] == ['Doubled: ' + first, 'Doubled: ' + second],
          'GetMetricData: labels of an array result %s' % [r['Label'] for r in by_id['e_filled']])
    check(by_id['e_filled'][0]['Values'] == [2 * v for v in queue_a['Values']], 'GetMetricData: FILL * 2')
    total, queues_only = by_id['e_all'][0]['Values'], by_id['e_sum'][0]['Values']
    check(sum(total) > sum(queues_only), 'GetMetricData: SUM(METRICS()) leaves out the calls metric')

    gms = {
        'Namespace': 'AWS/Connect', 'MetricName': 'QueueSize',
        'Dimensions': queue_size(instance['Id'], first)['Dimensions'],
        'StartTime': iso(start), 'EndTime': iso(end), 'Period': 300,
        'Statistics': ['Maximum', 'Average', 'SampleCount', 'Sum', 'Minimum'],
    }
    stats = cw.get_metric_statistics(**gms)
    points = datapoints(stats['Datapoints'])
    check(stats['Label'] == 'QueueSize', 'GetMetricStatistics: label')
    check([p['Timestamp'] for p in points] == queue_a['Timestamps'], 'GetMetricStatistics: timestamps differ from '
          'GetMetricData')
    check([p['Maximum'] for p in points] == queue_a['Values'], 'GetMetricStatistics: Maximum differs from '
          'GetMetricData')
    check(all(p['Unit'] == 'Count' and p['SampleCount'] == 30 for p in points),
          'GetMetricStatistics: 30 samples (6 a minute) and unit Count in every 5 minutes')
    gms_p = {k: v for k, v in gms.items() if k != 'Statistics'}
    gms_p['ExtendedStatistics'] = ['p90', 'p99.5']
    percentiles = datapoints(cw.get_metric_statistics(**gms_p)['Datapoints'])
    check(len(percentiles) == len(points), 'GetMetricStatistics: one data point per bucket with percentiles too')

    pages = list(cw.get_paginator('list_metrics').paginate())
    metrics = [m for page in pages for m in page['Metrics']]
    keys = sorted(json.dumps(m, sort_keys=True) for m in metrics)
    check(len(set(keys)) == len(keys), 'ListMetrics: a metric listed twice across pages')
    filtered = cw.list_metrics(Namespace='AWS/Connect', MetricName='QueueSize',
                               Dimensions=[{'Name': 'QueueName', 'Value': first}])['Metrics']
    check(len(filtered) == 1, 'ListMetrics: one QueueSize metric for queue %s' % first)

    errors = {
        'badPeriod': error_of(lambda: cw.get_metric_statistics(**dict(gms, Period=45))),
        'badExpression': error_of(lambda: cw.get_metric_data(
            MetricDataQueries=[{'Id': 'e1', 'Expression': 'FOO(1)'}], StartTime=iso(start), EndTime=iso(end))),
        'missingStatistics': error_of(lambda: cw.get_metric_statistics(**{k: v for k, v in gms.items()
                                                                             if k != 'Statistics'})),
    }
    try:
        cw.get_metric_statistics(**dict(gms, Period=45))
    except cw.exceptions.InvalidParameterValueException:
        errors['badPeriodModelled'] = True
    check(errors['badPeriod']['code'] == 'InvalidParameterValue' and errors['badPeriod']['status'] == 400,
          'Period 45: %s' % errors['badPeriod'])
    check(errors.get('badPeriodModelled') is True, 'Period 45 is not InvalidParameterValueException')
    check(errors['badExpression']['code'] == 'ValidationError', 'FOO(1): %s' % errors['badExpression'])
    check(errors['missingStatistics']['code'] == 'InvalidParameterCombination',
          'no statistics: %s' % errors['missingStatistics'])

    report['cloudwatch'] = {
        'requests': {'getMetricData': gmd, 'getMetricStatistics': gms, 'getMetricStatisticsPercentiles': gms_p},
        'getMetricData': results,
        'getMetricStatistics': points,
        'getMetricStatisticsPercentiles': percentiles,
        'listMetrics': {'pages': len(pages), 'count': len(metrics)},
        'errors': errors,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--endpoint', required=True)
    parser.add_argument('--region', default='us-east-1')
    args = parser.parse_args()
    # Nothing from the caller's AWS configuration may leak in (profiles, a real endpoint, retries).
    for name in ('AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'):
        os.environ.pop(name, None)
    os.environ['AWS_CONFIG_FILE'] = os.devnull
    os.environ['AWS_SHARED_CREDENTIALS_FILE'] = os.devnull

    cw_model = botocore.session.get_session().get_service_model('cloudwatch')
    report = {
        'botocore': botocore.__version__,
        'botocoreFile': botocore.__file__,
        'boto3': getattr(boto3, '__version__', None),
        'python': sys.version.split()[0],
        'cloudwatchProtocol': cw_model.protocol,
        'cloudwatchProtocols': cw_model.metadata.get('protocols'),
    }
    try:
        instance, queues = connect_checks(args.endpoint, args.region, report)
        other_service_checks(args.endpoint, args.region, report)
        cloudwatch_checks(args.endpoint, args.region, instance, queues, report)
    except (CheckFailed, ClientError) as err:
        print(json.dumps(report, indent=1, default=str))
        print('CHECK FAILED (botocore %s, CloudWatch %s): %s' % (botocore.__version__, cw_model.protocol, err),
              file=sys.stderr)
        return 1
    print(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == '__main__':
    sys.exit(main())
