import { describe, expect, it } from 'vitest';
import { appEntryUrl, appOrigin, describeOrigin, isAppUrl } from './app-origin';

describe('isAppUrl', () => {
  it.each([appOrigin, `${appOrigin}/`, appEntryUrl, `${appOrigin}/assets/app.js?v=1#top`])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'app://evil/',
    'app://kiosk.evil.example/',
    'app://kiosk@evil.example/',
    'app://user:pw@kiosk/',
    'app://kiosk:8080/',
    'APP://KIOSK/',
    'file:///app/index.html',
    'http://kiosk/',
    'data:text/html,<p>x</p>',
    'about:blank',
    'not a url',
    '',
    null,
    undefined,
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('describeOrigin', () => {
  it('keeps scheme and host, drops path and query', () => {
    expect(describeOrigin('https://evil.example/steal?id=110101199003078515')).toBe('https://evil.example');
    expect(describeOrigin('data:text/html,secret')).toBe('data:');
    expect(describeOrigin('%%')).toBe('(unparseable)');
  });
});
