import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The outside AWS clients the conformance tests drive: Debian's python3 with botocore 1.29 and boto3 (packages
 * python3-botocore, python3-boto3) and Debian's AWS CLI 2.9 (package awscli), which .ci/run installs. Debian's
 * programs are preferred over whatever comes first on PATH (a pyenv or pip botocore is a current one, which speaks
 * AWS JSON to CloudWatch, not the query protocol these tests are about). CONFORMANCE_PYTHON and CONFORMANCE_AWS
 * choose others; CONFORMANCE_PYTHONPATH puts another botocore first (a current one from a git checkout).
 */

export const CONFORMANCE_DIR = __dirname;

const pick = (override: string | undefined, debian: string, fallback: string): string =>
  override ?? (existsSync(debian) ? debian : fallback);

export const PYTHON = pick(process.env.CONFORMANCE_PYTHON, '/usr/bin/python3', 'python3');
export const AWS_CLI = pick(process.env.CONFORMANCE_AWS, '/usr/bin/aws', 'aws');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A clean environment: nothing of the caller's AWS configuration, a home of its own, no pager, one attempt. */
export function clientEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(path.join(tmpdir(), 'sim-conformance-'));
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIDCONFORMANCE',
    AWS_SECRET_ACCESS_KEY: 'conformance',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
    ...(process.env.CONFORMANCE_PYTHONPATH ? { PYTHONPATH: process.env.CONFORMANCE_PYTHONPATH } : {}),
    ...extra,
  };
}

/** Runs a program to completion; a program that cannot be started is an error naming it and how to get it. */
export function run(program: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${program} was not found: ${INSTALL_HINT}`));
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const INSTALL_HINT =
  "install Debian's python3-botocore, python3-boto3 and awscli (apt-get install -y --no-install-recommends python3-botocore python3-boto3 awscli; .ci/run does), or set CONFORMANCE_PYTHON / CONFORMANCE_AWS";

/** Fails with a message naming what is missing unless python3 can import botocore and boto3. */
export async function requirePythonBotocore(): Promise<{ botocore: string; boto3: string }> {
  const res = await run(
    PYTHON,
    ['-c', 'import botocore, boto3; print(botocore.__version__, boto3.__version__)'],
    clientEnv()
  );
  if (res.code !== 0) {
    throw new Error(
      `${PYTHON} cannot import botocore and boto3 (${res.stderr.trim().split('\n').pop()}): ${INSTALL_HINT}`
    );
  }
  const [botocore, boto3] = res.stdout.trim().split(' ');
  return { botocore, boto3 };
}

/** Fails with a message naming what is missing unless the AWS CLI runs. */
export async function requireAwsCli(): Promise<string> {
  const res = await run(AWS_CLI, ['--version'], clientEnv());
  if (res.code !== 0) {
    throw new Error(`${AWS_CLI} --version failed (${res.stderr.trim()}): ${INSTALL_HINT}`);
  }
  return res.stdout.trim();
}
