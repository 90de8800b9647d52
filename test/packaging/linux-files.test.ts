// The Linux OS-integration files (packaging/linux/) checked without installing them: the udev rules parse (every
// line a well-formed rule matching a vendor:product and giving the node to the kiosk group), the systemd unit has
// what the kiosk relies on, and `systemd-analyze verify` accepts it where the tool exists (only the binaries it
// names, cage and the kiosk, are missing on a build machine).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'packaging', 'linux');

type Token = { key: string; attr?: string; op: string; value: string };

/** One udev rule line: comma-separated `KEY{attr}OP"value"` pairs (udev(7)); throws on anything else. */
function parseRule(line: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*([A-Z_]+)(?:\{([^}]+)\})?(==|!=|\+=|-=|:=|=)"([^"]*)"\s*(,|$)/y;
  let at = 0;
  while (at < line.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(line);
    if (!m) throw new Error(`cannot parse udev rule at column ${at}: ${line}`);
    tokens.push({ key: m[1] as string, ...(m[2] ? { attr: m[2] } : {}), op: m[3] as string, value: m[4] as string });
    at = pattern.lastIndex;
  }
  return tokens;
}

const matchKeys = new Set(['SUBSYSTEM', 'KERNEL', 'ATTRS', 'ENV', 'ACTION', 'DRIVERS']);
const assignKeys = new Set(['SYMLINK', 'GROUP', 'MODE', 'TAG', 'OWNER']);

describe('udev rules', () => {
  const text = readFileSync(path.join(dir, '70-gov-kiosk-devices.rules'), 'utf8');
  const rules = text.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));

  it('are well-formed and give only matched vendor:product devices to the kiosk group', () => {
    expect(rules.length).toBeGreaterThanOrEqual(6);
    for (const line of rules) {
      const tokens = parseRule(line);
      for (const t of tokens) {
        if (t.op === '==' || t.op === '!=') expect(matchKeys.has(t.key), `${t.key} as a match in: ${line}`).toBe(true);
        else expect(assignKeys.has(t.key), `${t.key} as an assignment in: ${line}`).toBe(true);
      }
      const attr = (name: string) => tokens.find((t) => t.key === 'ATTRS' && t.attr === name && t.op === '==')?.value;
      expect(attr('idVendor'), line).toMatch(/^[0-9a-f]{4}$/);
      expect(attr('idProduct'), line).toMatch(/^[0-9a-f]{4}$/);
      expect(tokens.find((t) => t.key === 'GROUP')).toMatchObject({ op: '=', value: 'kiosk' });
      expect(tokens.find((t) => t.key === 'MODE')).toMatchObject({ op: '=', value: '0660' });
      for (const link of tokens.filter((t) => t.key === 'SYMLINK')) expect(link.value).toMatch(/^gov-kiosk\/[a-z-]+$/);
    }
  });

  it('cover the ID card reader, printers, QR reader, scanner and camera', () => {
    for (const name of ['id-card-reader', 'receipt-printer', 'qr-reader', 'camera']) expect(text).toContain(`gov-kiosk/${name}`);
    expect(rules.some((l) => l.includes('SUBSYSTEM=="usb"'))).toBe(true);
  });

  it('refuse what udev would not take (the parser is not a rubber stamp)', () => {
    expect(() => parseRule('SUBSYSTEM=="tty" ATTRS{idVendor}=="1a86"')).toThrow();
    expect(() => parseRule('SUBSYSTEM=="tty", GROUP=kiosk')).toThrow();
  });
});

describe('systemd unit', () => {
  const unit = readFileSync(path.join(dir, 'gov-kiosk.service'), 'utf8');
  const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

  it('runs the kiosk under cage, restarts it on exit and watches its pings', () => {
    expect(setting('ExecStart')).toMatch(/^\/usr\/bin\/cage .*-- \/opt\/gov-kiosk\/gov-kiosk --kiosk/);
    expect(setting('Restart')).toBe('always');
    expect(Number(setting('WatchdogSec'))).toBeGreaterThan(0);
    expect(setting('Type')).toBe('notify');
    expect(setting('NotifyAccess')).toBe('all');
    expect(setting('User')).toBe('kiosk');
    expect(setting('WantedBy')).toBe('graphical.target');
  });

  it('passes systemd-analyze verify where it is installed', (context) => {
    const found = spawnSync('systemd-analyze', ['--version']);
    if (found.error) return context.skip('systemd-analyze is not installed here');
    const verify = spawnSync('systemd-analyze', ['verify', path.join(dir, 'gov-kiosk.service')], { encoding: 'utf8' });
    const complaints = `${verify.stdout}${verify.stderr}`
      .split('\n')
      .filter((l) => l.trim() !== '')
      // The build machine has neither cage nor the installed kiosk.
      .filter((l) => !/Command \/usr\/bin\/cage is not executable/.test(l));
    expect(complaints).toEqual([]);
  });

  it('has a reboot hook that takes no arguments', () => {
    const hook = readFileSync(path.join(dir, 'gov-kiosk-reboot'), 'utf8');
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true);
    expect(hook).toContain('exec /usr/bin/systemctl reboot');
    expect(execFileSync('sh', ['-n', path.join(dir, 'gov-kiosk-reboot')]).toString()).toBe('');
    expect(readFileSync(path.join(dir, 'gov-kiosk.sudoers'), 'utf8')).toMatch(/^kiosk ALL=\(root\) NOPASSWD: \/usr\/local\/sbin\/gov-kiosk-reboot ""$/m);
  });
});
