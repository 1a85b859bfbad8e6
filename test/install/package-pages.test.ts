import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOMEPAGE_URL } from '@capsule-guard/engine';
import { REPO_ROOT } from '../cli/harness';
import { WORKSPACE_PACKAGES } from './packed-project';

/**
 * One home page everywhere: the engine's HOMEPAGE_URL (SARIF's informationUri and helpUris, ESLint's
 * docs.url) is the one every package page, manifest and document links to.
 */

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const tracked = (pattern: string) =>
  execFileSync('git', ['ls-files', pattern], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

describe('package pages and links', () => {
  it.each(WORKSPACE_PACKAGES)('packages/%s has a README and its manifest names the home page', (name) => {
    expect(tracked(`packages/${name}/README.md`)).toEqual([`packages/${name}/README.md`]);
    expect(read(`packages/${name}/README.md`)).toContain(`${HOMEPAGE_URL}#readme`);
    expect(JSON.parse(read(`packages/${name}/package.json`))).toMatchObject({
      homepage: HOMEPAGE_URL,
      repository: { type: 'git', url: `git+${HOMEPAGE_URL}.git`, directory: `packages/${name}` },
      bugs: `${HOMEPAGE_URL}/issues`,
    });
  });

  it('the repository manifest names the same home page', () => {
    expect(JSON.parse(read('package.json'))).toMatchObject({ homepage: HOMEPAGE_URL, repository: { url: `git+${HOMEPAGE_URL}.git` } });
  });

  it('every document links to this repository by the home page URL, with no placeholder', () => {
    const documents = tracked('*.md');
    expect(documents).toContain('README.md');
    const repositoryUrl = /https:\/\/github\.com\/[^/\s)]+\/capsule-guard\b/gu;
    for (const document of documents) {
      for (const [url] of read(document).matchAll(repositoryUrl)) expect(url, document).toBe(HOMEPAGE_URL);
    }
  });
});
